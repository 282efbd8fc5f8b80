using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MetaAiTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class TimelineCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Items_DateStart_Id",
                table: "Items");

            migrationBuilder.DropIndex(
                name: "IX_Items_Kind_Stance",
                table: "Items");

            migrationBuilder.CreateIndex(
                name: "IX_Items_Timeline",
                table: "Items",
                columns: new[] { "DateStart", "DateEnd", "DateEstimated", "Stance", "Status", "Kind", "ArticleId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Items_Timeline",
                table: "Items");

            migrationBuilder.CreateIndex(
                name: "IX_Items_DateStart_Id",
                table: "Items",
                columns: new[] { "DateStart", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Items_Kind_Stance",
                table: "Items",
                columns: new[] { "Kind", "Stance" });
        }
    }
}
