using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MetaAiTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class H15Sources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "IX_Sources_Address",
                table: "Sources",
                column: "Address",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Sources_NextPollAt",
                table: "Sources",
                column: "NextPollAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Sources");
        }
    }
}
