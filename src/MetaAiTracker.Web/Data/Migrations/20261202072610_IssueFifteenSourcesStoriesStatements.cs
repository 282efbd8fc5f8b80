using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MetaAiTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class IssueFifteenSourcesStoriesStatements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "StatementId",
                table: "Items",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsOrigin",
                table: "Articles",
                type: "INTEGER",
                nullable: false,
                // Every stored article is its own origin until the start-up backfill clusters it.
                defaultValue: true);

            migrationBuilder.AddColumn<int>(
                name: "StoryId",
                table: "Articles",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "StorySignature",
                table: "Articles",
                type: "BLOB",
                nullable: true);

            // One B-tree (EF cannot declare WITHOUT ROWID; the model excludes the table from migrations): see TrackerDbContext.
            migrationBuilder.Sql("""
                CREATE TABLE "ArticleBands" (
                    "Key" INTEGER NOT NULL,
                    "ArticleId" INTEGER NOT NULL,
                    CONSTRAINT "PK_ArticleBands" PRIMARY KEY ("Key", "ArticleId")
                ) WITHOUT ROWID;
                """);

            migrationBuilder.CreateTable(
                name: "Sources",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    IntervalMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    ETag = table.Column<string>(type: "TEXT", nullable: true),
                    LastModified = table.Column<string>(type: "TEXT", nullable: true),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastPollAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastSuccessAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NextPollAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Failures = table.Column<int>(type: "INTEGER", nullable: false),
                    LastErrorKey = table.Column<string>(type: "TEXT", nullable: true),
                    LastErrorArgs = table.Column<string>(type: "TEXT", nullable: true),
                    LastAdded = table.Column<int>(type: "INTEGER", nullable: false),
                    LastDuplicates = table.Column<int>(type: "INTEGER", nullable: false),
                    LastRefusals = table.Column<string>(type: "TEXT", nullable: true),
                    LastNotModified = table.Column<bool>(type: "INTEGER", nullable: false),
                    LeaseOwner = table.Column<string>(type: "TEXT", nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Sources", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Statements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SpeakerEntityId = table.Column<string>(type: "TEXT", nullable: false),
                    FirstItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    SplitByEditor = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Statements", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Items_StatementId_SpeakerEntityId",
                table: "Items",
                columns: new[] { "StatementId", "SpeakerEntityId" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Copies",
                table: "Articles",
                column: "Id",
                filter: "NOT \"IsOrigin\"");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_StoryId",
                table: "Articles",
                column: "StoryId");

            migrationBuilder.CreateIndex(
                name: "IX_Articles_Unclustered",
                table: "Articles",
                column: "Id",
                filter: "\"StorySignature\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Sources_Address",
                table: "Sources",
                column: "Address",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Sources_NextPollAt",
                table: "Sources",
                column: "NextPollAt");

            migrationBuilder.CreateIndex(
                name: "IX_Statements_SpeakerEntityId",
                table: "Statements",
                column: "SpeakerEntityId");

            migrationBuilder.AddForeignKey(
                name: "FK_Items_Statements_StatementId",
                table: "Items",
                column: "StatementId",
                principalTable: "Statements",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE \"ArticleBands\";");

            migrationBuilder.DropForeignKey(
                name: "FK_Items_Statements_StatementId",
                table: "Items");

            migrationBuilder.DropTable(
                name: "Sources");

            migrationBuilder.DropTable(
                name: "Statements");

            migrationBuilder.DropIndex(
                name: "IX_Items_StatementId_SpeakerEntityId",
                table: "Items");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Copies",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_StoryId",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Unclustered",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "StatementId",
                table: "Items");

            migrationBuilder.DropColumn(
                name: "IsOrigin",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "StoryId",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "StorySignature",
                table: "Articles");
        }
    }
}
