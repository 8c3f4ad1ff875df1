using Enlace.Grains.Interfaces.Hosting;
using Enlace.WebGateway.Health;
using Enlace.WebGateway.Hosting;

var builder = WebApplication.CreateBuilder(args);
var localhost = builder.Configuration.GetValue<bool>($"{ClusterSettings.SectionName}:Localhost");

builder.AddEnlaceOrleansClient();
builder.Services.AddProblemDetails();
builder.Services.AddEnlaceHealthChecks(builder.Configuration, localhost);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealthApi();
app.MapGet("/", () => Results.Redirect("/health/ready")).ExcludeFromDescription();

app.Run();

/// <summary>The gateway's entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
