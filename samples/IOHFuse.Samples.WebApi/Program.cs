using System.Collections.Concurrent;
using IOHFuse.Samples.WebApi;
using Microsoft.AspNetCore.Http.HttpResults;

// A bedside scoring service: model.zip loaded once, PredictionEngines pooled, reloaded when the file changes.
//   dotnet run -c Release --project samples/IOHFuse.Samples.WebApi -- --model report/model.zip --urls http://127.0.0.1:5080
// Settings (appsettings.json: quiet per-request logs) come from beside the app, whatever the working directory.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddOpenApi();
builder.Services.AddProblemDetails();
// A model trained without a recorded horizon reports NaN minutes: write it rather than fail the response.
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling |= System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals);
builder.Services.AddSingleton(services => new ModelPool(
    builder.Configuration["model"] ?? "model.zip", services.GetRequiredService<ILogger<ModelPool>>()));
builder.Services.AddSingleton<ConcurrentDictionary<string, Room>>();

var app = builder.Build();
// Load at start-up, not on the first request: a missing or damaged model.zip stops the service with its reason.
var models = app.Services.GetRequiredService<ModelPool>();
var rooms = app.Services.GetRequiredService<ConcurrentDictionary<string, Room>>();
app.MapOpenApi("/openapi.json");

app.MapGet("/model", () =>
{
    var m = models.Current;
    return new ModelResponse(m.Version, m.LoadedAt, m.Info.SamplePeriodSeconds, m.Info.HistoryLength, m.Info.HorizonMinutes,
        m.Info.ForecastLength, m.Info.UsesText, m.Info.DecisionThreshold, m.Info.ToString());
})
.WithSummary("The model serving now: its time base (history length and sample period a window must have), horizon and alarm threshold.");

app.MapPost("/predict", Results<Ok<PredictionResponse>, ProblemHttpResult> (WindowRequest request) =>
{
    var m = models.Current;
    if (request.History is not { Length: > 0 })
        return TypedResults.Problem($"'history' is required: {m.Info.HistoryLength} MAP values in mmHg, one per {m.Info.SamplePeriodSeconds:0.##} s, oldest first.", statusCode: 400);
    try
    {
        return TypedResults.Ok(PredictionResponse.From(m.Predict(request.ToWindow()), m.Version));
    }
    catch (ArgumentException ex)
    {
        // The library names the problem (length, non-finite or out-of-range value and its position).
        return TypedResults.Problem(ex.Message, statusCode: 400);
    }
})
.WithSummary("Score one window: the MAP history (exactly the model's history length) and optional patient attributes.");

app.MapPost("/rooms/{id}/samples", Results<Ok<RoomResponse>, ProblemHttpResult> (string id, SamplesRequest request) =>
{
    try
    {
        return TypedResults.Ok(rooms.GetOrAdd(id, key => new Room(key)).Push(models, request));
    }
    catch (ArgumentException ex)
    {
        return TypedResults.Problem(ex.Message, statusCode: 400);
    }
})
.WithSummary("Push (time, MAP) samples of one room as the monitor delivers them, at any period; returns the latest prediction (one every 60 s) or why there is none.");

app.MapDelete("/rooms/{id}", (string id) => rooms.TryRemove(id, out _) ? Results.NoContent() : Results.NotFound())
.WithSummary("Forget a room (end of the case).");

app.Run();
