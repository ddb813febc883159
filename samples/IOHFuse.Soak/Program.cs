using System.Diagnostics;
using System.Globalization;
using IOHFuse.MLNet;
using IOHFuse.MLNet.Training;
using IOHFuse.Soak;
using Microsoft.ML;

// Soak: trains a small IOHFuseLM for N epochs, then scores M windows one by one through a PredictionEngine over the
// saved-and-loaded model.zip, sampling resident memory (VmRSS) and the managed heap throughout.
// Usage: dotnet run -c Release --project samples/IOHFuse.Soak -- [--windows 1000000] [--epochs 20] [--every 50000]
var options = SoakArguments.Parse(args);
var ml = new MLContext(seed: 1);
var samples = new List<MemorySample>();
void Record(MemorySample s)
{
    samples.Add(s);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{s.Phase,-5} {s.Progress,10:N0}  rss {s.ResidentBytes / 1048576.0,8:F1} MB  managed {s.ManagedBytes / 1048576.0,7:F1} MB  {s.Elapsed.TotalSeconds,8:F1} s"));
}

Console.WriteLine($"IOHFuse soak: {options.Epochs} training epochs on {options.TrainRows:N0} rows, then {options.Windows:N0} windows through PredictionEngine; {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
var data = ml.Data.LoadFromEnumerable(SoakRow.Make(options.TrainRows, seed: 7));

// Training: half the epochs in each stage.
var trainClock = Stopwatch.StartNew();
Record(MemoryProbe.Sample("train", 0, trainClock.Elapsed));
int epochsDone = 0;
var trainer = ml.IOHFuse().Trainers.IohFuseLM(new IohFuseLMOptions
{
    SamplePeriodSeconds = 3,
    ModelDimension = 16,
    NumberOfHeads = 2,
    NumberOfLayers = 2,
    PatchLength = 10,
    PretrainEpochs = options.Epochs / 2,
    FineTuneEpochs = Math.Max(1, options.Epochs - options.Epochs / 2),
    EarlyStoppingPatience = 0,
    ValidationFraction = 0,   // every epoch on every row: the soak measures memory over a fixed amount of work
    Seed = 3,
    Device = ComputeDevice.Cpu,
    Threads = options.Threads,
    Progress = new EpochProgress(_ => Record(MemoryProbe.Sample("train", ++epochsDone, trainClock.Elapsed))),
});
string modelPath = Path.Combine(Path.GetTempPath(), $"iohfuse-soak-{Environment.ProcessId}.zip");
using (var model = trainer.Fit(data))
    ml.Model.Save(model, data.Schema, modelPath);
var trainSamples = samples.ToList();

// Scoring: one engine, rows cycled from a pool so inputs vary without allocating a million rows.
var loaded = ml.IOHFuse().LoadModel(modelPath, out _);
File.Delete(modelPath);
var engine = ml.Model.CreatePredictionEngine<SoakRow, SoakPrediction>(loaded);
var pool = SoakRow.Make(1000, seed: 8);
var scoreClock = Stopwatch.StartNew();
int bad = 0;
double checksum = 0;
Record(MemoryProbe.Sample("score", 0, scoreClock.Elapsed));
var prediction = new SoakPrediction();
for (long i = 1; i <= options.Windows; i++)
{
    engine.Predict(pool[(int)(i % pool.Count)], ref prediction);
    if (!float.IsFinite(prediction.Probability) || prediction.Probability is <= 0f or >= 1f)
        bad++;
    checksum += prediction.Probability;
    if (i % options.Every == 0 || i == options.Windows)
        Record(MemoryProbe.Sample("score", i, scoreClock.Elapsed));
}
var scoreSamples = samples.Skip(trainSamples.Count).ToList();

SoakReport.Print(trainSamples, scoreSamples, options.Windows, scoreClock.Elapsed, bad, checksum);
return bad == 0 && SoakReport.IsFlat(trainSamples) && SoakReport.IsFlat(scoreSamples) ? 0 : 1;
