using Enlace.Grains.Interfaces.Hosting;
using Enlace.WebGateway.Auth;
using Enlace.WebGateway.Cases;
using Enlace.WebGateway.Dashboard;
using Enlace.WebGateway.Health;
using Enlace.WebGateway.Hosting;
using Enlace.WebGateway.Http;
using Enlace.WebGateway.Notifications;
using Enlace.WebGateway.Reference;
using Enlace.WebGateway.Roadmaps;
using Enlace.WebGateway.Statistics;
using Enlace.WebGateway.Ui;
using Enlace.WebGateway.Upgrades;
using Enlace.WebGateway.Victims;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
var localhost = builder.Configuration.GetValue<bool>($"{ClusterSettings.SectionName}:Localhost");

builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = BodySizeLimit.MaxBytes);
var telemetry = builder.AddEnlaceGatewayTelemetry();
builder.AddEnlaceOrleansClient();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<UnavailableExceptionHandler>();
builder.Services.ConfigureHttpJsonOptions(o => Json.Configure(o.SerializerOptions));
builder.Services.AddEnlaceAuth(builder.Configuration);
builder.Services.AddEnlaceHealthChecks(builder.Configuration, localhost);
builder.Services.AddOpenApi(o => o
    .AddDocumentTransformer<BearerSecurityTransformer>()
    .AddSchemaTransformer<OpenApiLimitsTransformer>()
    .AddDocumentTransformer<OpenApiTextPatternTransformer>()
    .AddOperationTransformer<OpenApiResponsesTransformer>()
    .AddOperationTransformer<OpenApiPagingTransformer>());
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddTrustedProxies(builder.Configuration);

// CORS is closed unless browser origins are listed (the web UI is served from the gateway itself).
var allowedOrigins = builder.Configuration.GetSection("Api:AllowedOrigins").Get<string[]>() ?? [];
builder.Services.AddCors(o => o.AddDefaultPolicy(p => p.WithOrigins(allowedOrigins)
    .WithMethods("GET", "POST").WithHeaders("Authorization", "Content-Type", "Idempotency-Key", "If-Match")
    .WithExposedHeaders("ETag", "Location", "Retry-After", "X-Total-Count", "X-Statistics-K", "X-Suppressed-Rows", "Content-Disposition", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset")));
if (!localhost)
{
    builder.Services.AddSingleton(GatewayDatabase.Create(OrleansClientExtensions.RequireConnectionString(builder.Configuration), builder.Configuration));
    builder.Services.AddSingleton<IdempotencyStore>();
    builder.Services.AddSingleton<CaseQueries>();
    builder.Services.AddSingleton<CaseHistory>();
    builder.Services.AddSingleton<DashboardQueries>();
    builder.Services.AddStatisticsQueries(builder.Configuration);
    builder.Services.AddSingleton<RoadmapQueries>();
    builder.Services.AddHostedService<IdempotencyCleanup>();
}

var app = builder.Build();
app.UseForwardedHeaders();
app.UseSecurityHeaders(app.Services.GetRequiredService<AuthSettings>());
app.UseExceptionHandler();
app.UseEnlaceWebUi();
app.UseBodySizeLimit();
app.UsePrintableInput();
app.UseCors();
// Every bodiless error (401 challenges, 404/405 of unknown routes, 415) as a problem, whatever the Accept header.
app.UseStatusCodePages(context => Problems.ForStatus(context.HttpContext.Response.StatusCode).ToResult().ExecuteAsync(context.HttpContext));
app.UseAuthentication();

// Before authorization, so that a request refused for its token still counts against its address.
app.UseApiRateLimit(builder.Configuration.GetSection(ApiRateLimitOptions.SectionName).Get<ApiRateLimitOptions>() ?? new ApiRateLimitOptions());
app.UseAuthorization();
app.UseRateLimiter();

app.MapHealthApi();
app.MapOpenApi("/openapi/{documentName}.json");
app.MapScalarApiReference("/docs", o => o.WithOpenApiRoutePattern("/openapi/{documentName}.json"));
app.MapDevTokenApi(app.Services.GetRequiredService<DevTokenIssuer>().Enabled);
app.MapDashboardSessionApi();
app.MapEnlaceTelemetry(telemetry);
app.MapReferenceApi();
app.MapCasesApi();
app.MapVictimsApi();
app.MapInboxApi();
app.MapDashboardApi();
app.MapStatisticsApi();
app.MapNotificationsApi();
app.MapNotificationSettingsApi();
app.MapWebhooksApi();
app.MapRoadmapsApi();
app.MapUpgradesApi();

app.Run();

/// <summary>The gateway's entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
