using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MetaAiTracker.Web.Data;

/// <summary>Lets `dotnet ef` build the context without starting the command line (Program.cs builds no host for it).</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<TrackerDbContext>
{
    public TrackerDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TrackerDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
