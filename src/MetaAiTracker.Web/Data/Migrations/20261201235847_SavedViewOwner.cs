using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MetaAiTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SavedViewOwner : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Owner",
                table: "SavedViews",
                type: "TEXT",
                maxLength: 256,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Owner",
                table: "SavedViews");
        }
    }
}
