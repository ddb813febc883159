using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using IOHFuse.MLNet;
using IOHFuse.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.Cli;

/// <summary>`iohfuse score`: replays recordings through the bedside loop (a <see cref="MapStream"/> feeding a
/// PredictionEngine), one file or a folder at a time, at the model's own sample period.</summary>
internal static class ScoreCommand
{
    private sealed class Prediction
    {
        public float Probability { get; set; }

        public bool PredictedLabel { get; set; }

        [VectorType]
        public float[] Forecast { get; set; } = Array.Empty<float>();
    }

    public static Command Create(TextWriter output, TextWriter errors)
    {
        var model = new Option<string>("--model") { Description = "model.zip to score with.", DefaultValueFactory = _ => "model.zip" };
        var caseFile = new Option<string?>("--case") { Description = "One recording: a .csv/.tsv/.txt export or a .vital file." };
        var folder = new Option<string?>("--data") { Description = "A folder of recordings to score (one output CSV each in --out)." };
        var outPath = new Option<string?>("--out") { Description = "With --case: the output CSV (default: standard output). With --data: the output folder (required)." };
        var mapColumn = new Option<string?>("--map-column", "--track") { Description = "CSV column or .vital track (\"Device/Track\" or \"Track\") holding MAP or an arterial wave (default: the MAP source with the most valid minutes, found by common names)." };
        var stride = new Option<double>("--stride") { Description = "Seconds between predictions; a whole number of the model's sample periods.", DefaultValueFactory = _ => 60 };
        var threshold = new Option<float?>("--threshold") { Description = "Alarm when the probability reaches this value (default: the threshold stored in the model)." };
        var age = new Option<float?>("--age") { Description = "Age in years." };
        var sex = new Option<string?>("--sex") { Description = "M or F." };
        var asa = new Option<float?>("--asa") { Description = "ASA class 1–6." };
        var emergency = new Option<bool?>("--emergency") { Description = "true for an emergency operation, false for elective (default: unknown)." };
        var department = new Option<string?>("--department") { Description = "Surgical department." };
        var surgeryType = new Option<string?>("--surgery-type") { Description = "Surgery type." };
        var approach = new Option<string?>("--approach") { Description = "Surgical approach." };
        var anesthesia = new Option<string?>("--anesthesia") { Description = "Anaesthesia type." };
        var clinical = new Option<string?>("--clinical") { Description = "Clinical table CSV to take the attributes from (by --case-id, or by file name)." };
        var caseId = new Option<string?>("--case-id") { Description = "Case id in the clinical table (default: the file name)." };
        var command = new Command("score", "Replay recordings through PredictionEngine as a bedside app would; writes time_s,map_mmhg,probability,alarm,forecast per prediction time.");
        foreach (var o in new Option[] { model, caseFile, folder, outPath, mapColumn, stride, threshold, age, sex, asa, emergency, department, surgeryType, approach, anesthesia, clinical, caseId })
            command.Options.Add(o);

        command.SetAction(parse =>
        {
            string? single = parse.GetValue(caseFile), directory = parse.GetValue(folder);
            if (single is null == directory is null)
                throw new CliError("Give either --case FILE or --data FOLDER.");
            if (directory is not null && parse.GetValue(outPath) is null)
                throw new CliError("--data needs --out FOLDER for the output CSVs.");
            float? alarmAt = parse.GetValue(threshold);
            if (alarmAt is float a && !(a > 0 && a < 1))
                throw new CliError($"--threshold must be in (0, 1) (got {a}).");
            var ml = new MLContext(0);
            string modelPath = parse.GetValue(model)!;
            var loaded = ModelFile.Load(ml, modelPath);
            var info = ml.IOHFuse().GetModelInfo(loaded);
            double strideSeconds = parse.GetValue(stride);
            var streamOptions = new MapStreamOptions { StrideSeconds = strideSeconds };
            try
            {
                _ = new MapStream(info, streamOptions);
            }
            catch (ArgumentOutOfRangeException)
            {
                throw new CliError($"--stride must be a positive whole number of the model's {info.SamplePeriodSeconds:0.##}-s sample period (got {strideSeconds}).");
            }
            var attributes = new PatientAttributes
            {
                Age = parse.GetValue(age) ?? float.NaN,
                Sex = parse.GetValue(sex) ?? string.Empty,
                Asa = parse.GetValue(asa) ?? float.NaN,
                Emergency = parse.GetValue(emergency),
                Department = parse.GetValue(department) ?? string.Empty,
                SurgeryType = parse.GetValue(surgeryType) ?? string.Empty,
                Approach = parse.GetValue(approach) ?? string.Empty,
                Anesthesia = parse.GetValue(anesthesia) ?? string.Empty,
            };
            IReadOnlyDictionary<string, PatientAttributes>? table = null;
            if (parse.GetValue(clinical) is { } tablePath)
            {
                CaseSource.RequireFile(tablePath, "clinical table");
                table = ClinicalTable.Read(tablePath).Attributes;
            }
            PatientAttributes AttributesOf(string id)
            {
                if (table is null)
                    return attributes;
                string key = parse.GetValue(caseId) ?? id;
                return table.TryGetValue(key, out var fromTable) ? fromTable
                    : single is not null ? throw new CliError($"Case id '{key}' is not in the clinical table.") : attributes;
            }

            var scorer = new Scorer(ml.Model.CreatePredictionEngine<IohWindow, Prediction>(loaded), info, streamOptions, alarmAt);
            var fileOptions = new CaseFileOptions { MapSource = parse.GetValue(mapColumn) };
            if (single is not null)
            {
                var file = CaseSource.ReadCase(single, fileOptions);
                using var writer = parse.GetValue(outPath) is { } path ? new StreamWriter(path) : null;
                var result = scorer.Score(file, AttributesOf(file.Case.CaseId), writer ?? output);
                errors.WriteLine($"{file}.");
                foreach (string note in file.Notes)
                    errors.WriteLine($"  {note}{(note.StartsWith("not used", StringComparison.Ordinal) ? " (choose it with --track)" : string.Empty)}");
                errors.WriteLine($"{result.Summary(info)}.");
                return 0;
            }

            if (!Directory.Exists(directory))
                throw new CliError($"Data folder '{directory}' does not exist.");
            string outDirectory = parse.GetValue(outPath)!;
            Directory.CreateDirectory(outDirectory);
            var paths = Directory.EnumerateFiles(directory!).Where(f => CaseFileReader.Extensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
                .Where(f => !Path.GetFileName(f).Equals("manifest.csv", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal).ToList();
            if (paths.Count == 0)
                throw new CliError($"Data folder '{directory}' has no recordings (.csv, .tsv, .txt or .vital).");
            errors.WriteLine($"Scoring {paths.Count} recording(s) with {info}.");
            var clock = Stopwatch.StartNew();
            var progress = new ProgressLine(errors, "Scoring");
            var lines = new List<string>();
            var ignored = new SortedDictionary<string, int>(StringComparer.Ordinal);
            int files = 0, failed = 0;
            long predictions = 0;
            for (int i = 0; i < paths.Count; i++)
            {
                string name = Path.GetFileName(paths[i]);
                try
                {
                    var file = CaseFileReader.Read(paths[i], fileOptions);
                    string target = Path.Combine(outDirectory, Path.GetFileNameWithoutExtension(paths[i]) + ".scores.csv");
                    using var writer = new StreamWriter(target);
                    var result = scorer.Score(file, AttributesOf(file.Case.CaseId), writer);
                    lines.Add($"{name}: {result.Summary(info)}");
                    predictions += result.Scored;
                    foreach (string column in file.IgnoredColumns)
                        ignored[column] = ignored.GetValueOrDefault(column) + 1;
                    files++;
                }
                catch (InvalidDataException ex)
                {
                    lines.Add($"{name}: skipped: {ex.Message.ReplaceLineEndings(" ")}");
                    failed++;
                }
                progress.Report((i + 1, paths.Count));
            }
            progress.Done();
            foreach (string line in lines)
                errors.WriteLine(line);
            if (ignored.Count > 0)
                errors.WriteLine($"Ignored columns (not MAP, time, SBP, DBP or HR): {string.Join(", ", ignored.Select(c => $"{c.Key} ({c.Value} file(s))"))}.");
            errors.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Scored {predictions:N0} prediction times in {files} recording(s) ({failed} unreadable) in {clock.Elapsed.TotalSeconds:F1} s; output in '{outDirectory}'."));
            return 0;
        });
        return command;
    }

    /// <summary>Counts of one recording's prediction times.</summary>
    private sealed record Result(int Scored, int MissingNow, int MissingHistory, int Alarms)
    {
        public string Summary(IohFuseModelInfo info) =>
            $"Scored {Scored} prediction times ({Alarms} alarms); skipped {MissingNow} with no valid MAP at the time and {MissingHistory} with more than 10% of the last {info.HistoryMinutes:0.#} min missing";
    }

    /// <summary>One PredictionEngine and the model's time base, reused for every recording.</summary>
    private sealed class Scorer(PredictionEngine<IohWindow, Prediction> engine, IohFuseModelInfo info, MapStreamOptions streamOptions, float? alarmAt)
    {
        private readonly int _horizonSamples = Math.Max(1, (int)Math.Round((double.IsFinite(info.HorizonMinutes) ? info.HorizonMinutes : 5) * 60 / info.SamplePeriodSeconds));
        private readonly string _horizonName = double.IsFinite(info.HorizonMinutes) ? $"{info.HorizonMinutes:0.#}min" : "horizon";

        public Result Score(CaseFile file, PatientAttributes attributes, TextWriter sink)
        {
            sink.WriteLine($"time_s,map_mmhg,probability,alarm,forecast_min_{_horizonName},forecast_mean_{_horizonName}");
            var stream = new MapStream(info, streamOptions);
            var track = file.Case.Map;
            int scored = 0, missingNow = 0, missingHistory = 0, alarms = 0;
            var row = new IohWindow { CaseId = file.Case.CaseId }.SetAttributes(attributes);
            void Handle(IReadOnlyList<StreamWindow> windows)
            {
                foreach (var w in windows)
                {
                    if (!w.CanPredict)
                    {
                        if (w.SkipKind == StreamSkipKind.MissingNow) missingNow++; else missingHistory++;
                        continue;
                    }
                    row.Time = (float)w.TimeSeconds;
                    row.History = w.History!;
                    var p = engine.Predict(row);
                    bool alarm = alarmAt is float t ? p.Probability >= t : p.PredictedLabel;
                    var next = p.Forecast.AsSpan(0, Math.Min(_horizonSamples, p.Forecast.Length));
                    float min = float.PositiveInfinity, sum = 0;
                    foreach (float f in next) { min = Math.Min(min, f); sum += f; }
                    sink.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{w.TimeSeconds:0.#},{w.History![^1]:F1},{p.Probability:F4},{(alarm ? 1 : 0)},{min:F1},{sum / next.Length:F1}"));
                    scored++;
                    if (alarm) alarms++;
                }
            }
            for (int i = 0; i < track.Count; i++)
                Handle(stream.Push(track.TimesSeconds[i], track.Values[i]));
            Handle(stream.Advance(track.TimesSeconds[^1]));
            return new Result(scored, missingNow, missingHistory, alarms);
        }
    }
}
