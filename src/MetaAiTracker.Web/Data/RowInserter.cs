using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MetaAiTracker.Web.Data;

/// <summary>
/// Inserts rows of one entity type through one prepared command, inside the context's current transaction.
/// The SQL, the column names and the value conversions (enums as text, dates) come from the EF model, so the
/// migrations stay the one source of truth for the schema; EF's change tracker costs a command with RETURNING
/// per row and dominates bulk ingestion, which this skips.
/// </summary>
public sealed class RowInserter<T> : IDisposable where T : class
{
    private readonly DbCommand command;
    private readonly (IProperty Property, ValueConverter? Converter, DbParameter Parameter)[] columns;
    private readonly IProperty? generatedKey;

    /// <param name="orIgnore">Skip a row that breaks a unique index instead of failing (used for alias proposals).</param>
    public RowInserter(TrackerDbContext db, bool orIgnore = false)
    {
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        generatedKey = type.FindPrimaryKey()!.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } key] ? key : null;
        command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("RowInserter writes inside a transaction");
        columns = [.. type.GetProperties().Where(p => p != generatedKey).Select((p, i) =>
        {
            var mapping = p.GetRelationalTypeMapping();
            var parameter = mapping.CreateParameter(command, "$p" + i, null, p.IsNullable);
            command.Parameters.Add(parameter);
            return (p, mapping.Converter, parameter);
        })];
        var names = string.Join(", ", columns.Select(c => '"' + c.Property.GetColumnName() + '"'));
        var values = string.Join(", ", columns.Select(c => c.Parameter.ParameterName));
        command.CommandText = $"INSERT {(orIgnore ? "OR IGNORE " : "")}INTO \"{type.GetTableName()}\" ({names}) VALUES ({values})"
            + (generatedKey is null ? "" : $" RETURNING \"{generatedKey.GetColumnName()}\"");
        command.Prepare();
    }

    /// <summary>Inserts the row and sets its generated key, if it has one (left unset when the row was ignored).</summary>
    public void Insert(T row)
    {
        foreach (var (property, converter, parameter) in columns)
        {
            var value = property.PropertyInfo!.GetValue(row);
            parameter.Value = (value is null ? null : converter is null ? value : converter.ConvertToProvider(value)) ?? DBNull.Value;
        }
        if (generatedKey is null)
        {
            command.ExecuteNonQuery();
            return;
        }
        if (command.ExecuteScalar() is { } id)
            generatedKey.PropertyInfo!.SetValue(row, Convert.ChangeType(id, generatedKey.ClrType, System.Globalization.CultureInfo.InvariantCulture));
    }

    public void Dispose() => command.Dispose();
}
