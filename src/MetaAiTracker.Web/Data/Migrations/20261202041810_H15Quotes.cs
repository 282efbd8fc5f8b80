using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MetaAiTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class H15Quotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "StatementId",
                table: "Items",
                type: "INTEGER",
                nullable: true);

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
            migrationBuilder.DropForeignKey(
                name: "FK_Items_Statements_StatementId",
                table: "Items");

            migrationBuilder.DropTable(
                name: "Statements");

            migrationBuilder.DropIndex(
                name: "IX_Items_StatementId_SpeakerEntityId",
                table: "Items");

            migrationBuilder.DropColumn(
                name: "StatementId",
                table: "Items");
        }
    }
}
