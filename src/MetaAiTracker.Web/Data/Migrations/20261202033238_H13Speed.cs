using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MetaAiTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class H13Speed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Items_ArticleId_Start",
                table: "Items");

            migrationBuilder.CreateIndex(
                name: "IX_Items_Cards",
                table: "Items",
                columns: new[] { "ArticleId", "Start", "End", "Kind", "Status", "Stance", "DateStart", "DateEnd", "DateEstimated" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_OffTopic",
                table: "Articles",
                column: "Id",
                filter: "NOT \"IsRelevant\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Items_Cards",
                table: "Items");

            migrationBuilder.DropIndex(
                name: "IX_Articles_OffTopic",
                table: "Articles");

            migrationBuilder.CreateIndex(
                name: "IX_Items_ArticleId_Start",
                table: "Items",
                columns: new[] { "ArticleId", "Start" });
        }
    }
}
