using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MetaAiTracker.Web.Data.Migrations
{
    /// <summary>
    /// The search tables index a shadow text that is already folded, stemmed and split by spaces, so FTS5's 'ascii'
    /// tokenizer (spaces split, every non-ASCII character is a word character) finds the same words as 'unicode61'
    /// at half the indexing cost. The tables are rebuilt; TrackerDbSetup refills an empty index from the store.
    /// </summary>
    public partial class SearchAsciiTokenizer : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE IF EXISTS ArticleSearch;
                DROP TABLE IF EXISTS ItemSearch;
                CREATE VIRTUAL TABLE ArticleSearch USING fts5(body, content='', contentless_delete=1, tokenize='ascii');
                CREATE VIRTUAL TABLE ItemSearch USING fts5(body, content='', contentless_delete=1, tokenize='ascii');
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE IF EXISTS ArticleSearch;
                DROP TABLE IF EXISTS ItemSearch;
                CREATE VIRTUAL TABLE ArticleSearch USING fts5(body, content='', contentless_delete=1);
                CREATE VIRTUAL TABLE ItemSearch USING fts5(body, content='', contentless_delete=1);
                """);
        }
    }
}
