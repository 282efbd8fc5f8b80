using System.Data.Common;
using MetaAiTracker.Core.Model;
using MetaAiTracker.Core.Text;
using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MetaAiTracker.Web.Ingestion;

/// <summary>
/// Records what an article proposes to the alias table, inside the caller's transaction: new spellings of known
/// entities (an alias row in status Proposed, once per entity and text) and new people and outlets (one row per kind
/// and normalized name, with the articles that propose it). The one write path of ingestion and re-extraction. A
/// name an admin already accepted or refused gains no article, so it is not proposed again.
/// </summary>
internal sealed class EntityProposalWriter : IDisposable
{
    private readonly DbCommand command;
    private readonly RowInserter<EntityAlias> spellings;

    public EntityProposalWriter(TrackerDbContext db)
    {
        spellings = new(db, orIgnore: true);
        command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("EntityProposalWriter writes inside a transaction");
        command.CommandText = """
            INSERT OR IGNORE INTO EntityProposals (Kind, Name, NormalizedName, Reason, Status) VALUES ($kind, $name, $norm, $reason, 'Proposed');
            INSERT OR IGNORE INTO EntityProposalArticles (ProposalId, ArticleId)
                SELECT Id, $article FROM EntityProposals WHERE Kind = $kind AND NormalizedName = $norm AND Status = 'Proposed';
            """;
        foreach (var name in (string[])["$kind", "$name", "$norm", "$reason", "$article"])
            SearchIndex.Parameter(command, name);
        command.Prepare();
    }

    public void Write(int articleId, IEnumerable<VariantProposal> variants, IEnumerable<EntityProposal>? proposals)
    {
        // The unique (EntityId, Text) index makes a known spelling, proposed or decided, a no-op.
        foreach (var p in variants.DistinctBy(p => (p.EntityId, p.Surface)))
            spellings.Insert(new EntityAlias { EntityId = p.EntityId, Text = p.Surface, Status = AliasStatus.Proposed, Note = p.Reason });
        foreach (var p in (proposals ?? []).DistinctBy(p => (p.Kind, ArabicNormalizer.Normalize(p.Name))))
        {
            // Enums are stored by name (TrackerDbContext.ConfigureConventions).
            command.Parameters[0].Value = p.Kind.ToString();
            command.Parameters[1].Value = p.Name;
            command.Parameters[2].Value = ArabicNormalizer.Normalize(p.Name);
            command.Parameters[3].Value = p.Reason;
            command.Parameters[4].Value = articleId;
            command.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        command.Dispose();
        spellings.Dispose();
    }
}
