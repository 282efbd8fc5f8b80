using System.Data.Common;
using MetaAiTracker.Core.Model;
using MetaAiTracker.Core.Text;
using MetaAiTracker.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace MetaAiTracker.Web.Ingestion;

/// <summary>
/// Records the new people and outlets an article proposes, inside the caller's transaction: the one write path of
/// ingestion and re-extraction, so both keep one row per kind and normalized name. A name an admin already accepted
/// or refused gains no article, so it is not proposed again.
/// </summary>
internal sealed class EntityProposalWriter : IDisposable
{
    private readonly DbCommand command;

    public EntityProposalWriter(TrackerDbContext db)
    {
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

    public void Write(int articleId, IEnumerable<EntityProposal>? proposals)
    {
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

    public void Dispose() => command.Dispose();
}
