using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Tests.Helpers;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.MLNet.Tests.Samples;

/// <summary>
/// The web-app sample as a client meets it: the app started as its own process on 127.0.0.1 with a tiny model.zip,
/// its answers compared with a PredictionEngine over the same file in this process, under 8 concurrent clients, and
/// its per-room stream before and after the first full history.
/// </summary>
[TestClass]
public sealed class WebApiTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static TinyWindowModel? s_model;
    private static RunningApp? s_app;

    private static TinyWindowModel Model => s_model ?? throw new InvalidOperationException("class not initialised");

    private static HttpClient Client => s_app?.Client ?? throw new InvalidOperationException("class not initialised");

    [ClassInitialize]
    public static void Init(TestContext context)
    {
        s_model = TinyWindowModel.Train();
        s_app = RunningApp.Start(Model.Path);
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        s_app?.Dispose();
        s_model?.Dispose();
    }

    [TestMethod]
    public void TestModelFileReplacedIsReloadedAndServed()
    {
        // Its own app and folder: the other tests keep the first model.
        string folder = Path.Combine(Path.GetTempPath(), $"iohfuse-webapp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        using var second = TinyWindowModel.Train(seed: 9);
        try
        {
            string served = Path.Combine(folder, "model.zip");
            File.Copy(Model.Path, served);
            using var app = RunningApp.Start(served);
            var window = Model.Windows[0];
            var before = Predict(app.Client, window);
            Assert.AreEqual(1, before.ModelVersion);

            // Replace the file the way a deployment should: write beside it, then rename over it.
            File.Copy(second.Path, served + ".new");
            File.Move(served + ".new", served, overwrite: true);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            Served after;
            do
            {
                Thread.Sleep(200);
                after = Predict(app.Client, window);
            }
            while (after.ModelVersion == 1 && DateTime.UtcNow < deadline);

            Assert.AreEqual(2, after.ModelVersion, $"the replaced model.zip was not reloaded within 30 s: {app.Output()}");
            var ml = new MLContext(seed: 1);
            var expected = ml.Model.CreatePredictionEngine<IohWindow, Local>(ml.IOHFuse().LoadModel(second.Path, out _)).Predict(window);
            Assert.AreEqual(expected.Score, after.Score);
            Assert.AreNotEqual(before.Score, after.Score, "the second model answers differently");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void TestPredictEqualsPredictionEngineAndEightClientsAgree()
    {
        var windows = Model.Windows.Take(12).ToList();
        var ml = new MLContext(seed: 1);
        var engine = ml.Model.CreatePredictionEngine<IohWindow, Local>(ml.IOHFuse().LoadModel(Model.Path, out _));

        var served = windows.Select(Predict).ToList();
        for (int i = 0; i < windows.Count; i++)
        {
            var local = engine.Predict(windows[i]);
            Assert.AreEqual(local.Score, served[i].Score, $"window {i}: score");
            Assert.AreEqual(local.Probability, served[i].Probability, $"window {i}: probability");
            Assert.AreEqual(local.PredictedLabel, served[i].Alarm, $"window {i}: alarm");
            CollectionAssert.AreEqual(local.Forecast, served[i].Forecast, $"window {i}: forecast");
        }
        Assert.IsGreaterThan(1, served.Select(p => p.Probability).Distinct().Count(), "different windows get different answers");

        // 8 clients at once, each sending every window three times in its own order: all answers equal the sequential ones.
        var clients = Enumerable.Range(0, 8).Select(c => Task.Run(() =>
        {
            var order = Enumerable.Range(0, windows.Count * 3).Select(k => (k * (c + 5)) % windows.Count).ToList();
            return order.Select(k => (k, Predict(windows[k]))).ToList();
        })).ToArray();
        Task.WaitAll(clients);
        int answers = 0;
        foreach (var (k, p) in clients.SelectMany(t => t.Result))
        {
            Assert.AreEqual(served[k].Score, p.Score, $"window {k} under concurrency");
            CollectionAssert.AreEqual(served[k].Forecast, p.Forecast, $"window {k} forecast under concurrency");
            answers++;
        }
        Assert.AreEqual(8 * 3 * windows.Count, answers);
    }

    [TestMethod]
    public void TestBadWindowIsRefusedWithTheReason()
    {
        var response = Client.PostAsJsonAsync("/predict", new { history = new[] { 80f, 81f } }, Json).Result;
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        StringAssert.Contains(response.Content.ReadAsStringAsync().Result, "must have 300 values");

        response = Client.PostAsJsonAsync("/predict", new { patient = new { age = 60 } }, Json).Result;
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        StringAssert.Contains(response.Content.ReadAsStringAsync().Result, "'history' is required");
    }

    [TestMethod]
    public void TestRoomStreamGivesTheReasonUntilTheHistoryIsFullThenPredictions()
    {
        var surgicalCase = Model.HeldOutCases[0];
        var track = surgicalCase.Map;
        var patient = PatientOf(Model.Windows.First(w => w.CaseId == surgicalCase.CaseId));
        var samples = Enumerable.Range(0, track.Count).Select(i => new { time = track.TimesSeconds[i], map = (float?)track.Values[i] }).ToList();
        int fiveMinutes = samples.FindIndex(s => s.time >= 5 * 60), twentyMinutes = samples.FindIndex(s => s.time >= 20 * 60);

        var early = PushRoom("or-7", samples.Take(fiveMinutes), patient);
        Assert.IsNull(early.Prediction);
        Assert.IsNull(early.PredictionTime);
        StringAssert.StartsWith(early.Reason, "collecting the first 15 min of history");

        var later = PushRoom("or-7", samples.Skip(fiveMinutes).Take(twentyMinutes - fiveMinutes), patient: null);
        Assert.IsNotNull(later.PredictionTime);
        Assert.IsNotNull(later.Prediction, later.Reason);
        Assert.IsNull(later.Reason);
        Assert.IsGreaterThan(0, later.PredictionsMade);

        // The same samples through MapStream and a PredictionEngine here give the same latest prediction.
        var ml = new MLContext(seed: 1);
        var model = ml.IOHFuse().LoadModel(Model.Path, out _);
        var stream = new MapStream(ml.IOHFuse().GetModelInfo(model), new MapStreamOptions { StrideSeconds = 60 });
        StreamWindow? last = null;
        foreach (var s in samples.Take(twentyMinutes))
            foreach (var w in stream.Push(s.time, s.map!.Value))
                last = w;
        Assert.AreEqual(last!.TimeSeconds, later.PredictionTime!.Value);
        var window = new IohWindow { History = last.History! }.SetAttributes(Model.HeldOutCases[0].Attributes);
        var local = ml.Model.CreatePredictionEngine<IohWindow, Local>(model).Predict(window);
        Assert.AreEqual(local.Probability, later.Prediction!.Probability);

        Assert.AreEqual(HttpStatusCode.NoContent, Client.DeleteAsync("/rooms/or-7").Result.StatusCode);
    }

    [TestMethod]
    public void TestOpenApiDescribesTheEndpoints()
    {
        string document = Client.GetStringAsync("/openapi.json").Result;
        using var parsed = JsonDocument.Parse(document);
        var paths = parsed.RootElement.GetProperty("paths");
        foreach (string path in new[] { "/predict", "/rooms/{id}/samples", "/model" })
            Assert.IsTrue(paths.TryGetProperty(path, out _), path);
        StringAssert.Contains(document, "MAP history in mmHg", "the request's XML docs reach the description");
    }

    private static Served Predict(IohWindow w) => Predict(Client, w);

    private static Served Predict(HttpClient client, IohWindow w)
    {
        var response = client.PostAsJsonAsync("/predict", new { history = w.History, patient = PatientOf(w) }, Json).Result;
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, response.Content.ReadAsStringAsync().Result);
        return response.Content.ReadFromJsonAsync<Served>(Json).Result!;
    }

    private static RoomState PushRoom(string room, IEnumerable<object> samples, object? patient)
    {
        var response = Client.PostAsJsonAsync($"/rooms/{room}/samples", new { samples, patient }, Json).Result;
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, response.Content.ReadAsStringAsync().Result);
        return response.Content.ReadFromJsonAsync<RoomState>(Json).Result!;
    }

    /// <summary>A window's attributes as the request's JSON: unknown values left out.</summary>
    private static Dictionary<string, object> PatientOf(IohWindow w)
    {
        var p = new Dictionary<string, object>();
        void Number(string name, float v) { if (!float.IsNaN(v)) p[name] = v; }
        void Text(string name, string v) { if (v.Length > 0) p[name] = v; }
        Number("age", w.Age); Text("sex", w.Sex); Number("height", w.Height); Number("weight", w.Weight); Number("bmi", w.Bmi); Number("asa", w.Asa);
        if (!float.IsNaN(w.Emergency)) p["emergency"] = w.Emergency != 0;
        Text("department", w.Department); Text("surgeryType", w.SurgeryType); Text("surgeryName", w.SurgeryName);
        Text("approach", w.Approach); Text("anesthesia", w.Anesthesia);
        return p;
    }

    /// <summary>The app as a separate process on 127.0.0.1 and a free port, with a client; killed on dispose.</summary>
    private sealed class RunningApp : IDisposable
    {
        private readonly Process _process;
        private readonly System.Text.StringBuilder _output = new();

        private RunningApp(Process process, HttpClient client)
        {
            _process = process;
            Client = client;
            _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
            _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public HttpClient Client { get; }

        public static RunningApp Start(string modelPath)
        {
            int port = FreePort();
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in new[] { AppPath(), "--model", modelPath, "--urls", $"http://127.0.0.1:{port}" })
                start.ArgumentList.Add(a);
            var app = new RunningApp(Process.Start(start)!,
                new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) });
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (true)
            {
                if (app._process.HasExited)
                    Assert.Fail($"The web app exited with code {app._process.ExitCode} before answering: {app.Output()}");
                try
                {
                    if (app.Client.GetAsync("/model").Result.IsSuccessStatusCode)
                        return app;
                }
                catch (AggregateException ex) when (ex.InnerException is HttpRequestException)
                {
                    // not listening yet
                }
                if (DateTime.UtcNow > deadline)
                {
                    app.Dispose();
                    Assert.Fail($"The web app did not answer within 90 s: {app.Output()}");
                }
                Thread.Sleep(200);
            }
        }

        public string Output()
        {
            lock (_output)
                return _output.ToString();
        }

        public void Dispose()
        {
            Client.Dispose();
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
            _process.Dispose();
        }

        private static int FreePort()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return port;
        }

        /// <summary>The app built next to this test assembly: samples/IOHFuse.Samples.WebApi/bin/&lt;config&gt;/&lt;tfm&gt;/.</summary>
        private static string AppPath()
        {
            var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string root = testBin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
            string path = Path.Combine(root, "samples", "IOHFuse.Samples.WebApi", "bin", testBin.Parent!.Name, testBin.Name, "IOHFuse.Samples.WebApi.dll");
            if (!File.Exists(path))
                Assert.Fail($"The web app was not built at '{path}'. Build the solution first.");
            return path;
        }
    }

    private sealed class Local
    {
        public float Score { get; set; }

        public float Probability { get; set; }

        public bool PredictedLabel { get; set; }

        [VectorType]
        public float[] Forecast { get; set; } = [];
    }

    private sealed record Served(float Score, float Probability, bool Alarm, float[] Forecast, int ModelVersion);

    private sealed record RoomState(string Room, double? PredictionTime, Served? Prediction, string? Reason, double NextPredictionTime, int PredictionsMade);
}
