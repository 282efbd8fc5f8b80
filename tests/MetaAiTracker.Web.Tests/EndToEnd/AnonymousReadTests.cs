using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAiTracker.Web.Tests.EndToEnd;

/// <summary>With Tracker:AnonymousRead on, visitors read without an account, and still change nothing.</summary>
public class AnonymousReadTests
{
    [Fact]
    public async Task TheSwitchOpensReadingButNotEditing()
    {
        var dir = Path.Combine(Path.GetTempPath(), "mat-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var app = WebApp.Create(
            [$"--Tracker:Seeds={TestStore.SeedsDir}", "--Tracker:AnonymousRead=true", "--Serilog:MinimumLevel:Default=Warning"],
            database: Path.Combine(dir, "tracker.db"),
            configure: b => b.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0)));
        try
        {
            await AppServices.PrepareStoreAsync(app.Services);
            await app.StartAsync();
            var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };

            var timeline = await http.GetAsync("/?theme=talent");
            Assert.Equal(HttpStatusCode.OK, timeline.StatusCode);
            var html = await timeline.Content.ReadAsStringAsync();
            Assert.DoesNotContain("name=\"password\"", html);
            Assert.Contains("theme=talent", html);
            // Readable pages stay in the top bar for anonymous readers.
            Assert.Contains("href=\"/overview\"", html);
            Assert.Contains("role=\"search\"", html);
            // Anonymous readers save no views: no form is offered (and the service refuses them).
            Assert.DoesNotContain("class=\"save-view\"", html);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/items/1/history")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsJsonAsync("/api/articles", new { text = "قال زوكربيرغ إن النماذج مفتوحة." })).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await http.GetAsync("/review")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await http.GetAsync("/admin")).StatusCode);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }
}
