using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MetaAiTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class H15Stories : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateTable(
                name: "ArticleBands",
                columns: table => new
                {
                    Band = table.Column<int>(type: "INTEGER", nullable: false),
                    Hash = table.Column<long>(type: "INTEGER", nullable: false),
                    ArticleId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArticleBands", x => new { x.Band, x.Hash, x.ArticleId });
                    table.ForeignKey(
                        name: "FK_ArticleBands_Articles_ArticleId",
                        column: x => x.ArticleId,
                        principalTable: "Articles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

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
                name: "IX_ArticleBands_ArticleId",
                table: "ArticleBands",
                column: "ArticleId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArticleBands");

            migrationBuilder.DropIndex(
                name: "IX_Articles_StoryId",
                table: "Articles");

            migrationBuilder.DropIndex(
                name: "IX_Articles_Unclustered",
                table: "Articles");

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
