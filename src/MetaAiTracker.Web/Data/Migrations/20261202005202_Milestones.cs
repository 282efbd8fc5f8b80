using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MetaAiTracker.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Milestones : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsMilestone",
                table: "Items",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_Items_Milestones",
                table: "Items",
                column: "DateStart",
                filter: "\"IsMilestone\"");

            // A store from before milestones gets the proposals new articles get (Timeline.Milestones.Propose as of
            // this migration), reviewed items included, which re-extraction would never reach.
            migrationBuilder.Sql("""
                UPDATE Items SET IsMilestone = 1 WHERE Id IN (
                    SELECT MIN(i.Id) FROM Items i
                    WHERE i.Kind = 'Event' AND i.DateStart IS NOT NULL
                      AND (i.EventType IN ('launch', 'decision', 'layoff', 'founding')
                           OR i.EventType IN ('investment', 'funding', 'acquisition', 'partnership') AND EXISTS (
                               SELECT 1 FROM ItemAmounts a WHERE a.ItemId = i.Id AND a.Value >= 1000000000 AND a.Currency IN ('USD', 'EUR', 'GBP')))
                    GROUP BY i.ArticleId, i.EventType, i.DateStart);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Items_Milestones",
                table: "Items");

            migrationBuilder.DropColumn(
                name: "IsMilestone",
                table: "Items");
        }
    }
}
