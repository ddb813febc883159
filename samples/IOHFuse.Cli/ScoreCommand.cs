using System.CommandLine;
using System.Globalization;
using IOHFuse.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace IOHFuse.Cli;

/// <summary>`iohfuse score`: replays the bedside loop on one case, one PredictionEngine call per prediction time.</summary>
internal static class ScoreCommand
{
    private sealed class Prediction
    {
        public float Probability { get; set; }

        [VectorType]
        public float[] Forecast { get; set; } = Array.Empty<float>();
    }

    public static Command Create(TextWriter output, TextWriter errors)
    {
        var model = new Option<string>("--model") { Description = "model.zip to score with.", DefaultValueFactory = _ => "model.zip" };
        var caseFile = new Option<string>("--case") { Description = "One case track: time_s,map_mmhg CSV or .vital.", Required = true };
        var outFile = new Option<string?>("--out") { Description = "Output CSV (default: standard output)." };
        var stride = new Option<double>("--stride") { Description = "Seconds between predictions.", DefaultValueFactory = _ => 30 };
        var threshold = new Option<float>("--threshold") { Description = "Alarm when the probability reaches this value.", DefaultValueFactory = _ => 0.5f };
        var age = new Option<float?>("--age") { Description = "Age in years." };
        var sex = new Option<string?>("--sex") { Description = "M or F." };
        var asa = new Option<float?>("--asa") { Description = "ASA class 1–6." };
        var emergency = new Option<bool>("--emergency") { Description = "Emergency operation." };
        var department = new Option<string?>("--department") { Description = "Surgical department." };
        var surgeryType = new Option<string?>("--surgery-type") { Description = "Surgery type." };
        var approach = new Option<string?>("--approach") { Description = "Surgical approach." };
        var anesthesia = new Option<string?>("--anesthesia") { Description = "Anaesthesia type." };
        var clinical = new Option<string?>("--clinical") { Description = "Clinical table CSV to take the attributes from (with --case-id)." };
        var caseId = new Option<string?>("--case-id") { Description = "Case id in the clinical table (default: the case file name)." };
        var command = new Command("score", "Replay a case through PredictionEngine as a bedside app would; writes time_s,map_mmhg,probability,alarm,forecast.");
        foreach (var o in new Option[] { model, caseFile, outFile, stride, threshold, age, sex, asa, emergency, department, surgeryType, approach, anesthesia, clinical, caseId })
            command.Options.Add(o);

        command.SetAction(parse =>
        {
            double strideSeconds = parse.GetValue(stride);
            if (!(strideSeconds >= 3))
                throw new CliError($"--stride must be at least 3 seconds (got {strideSeconds}).");
            float alarmAt = parse.GetValue(threshold);
            if (!(alarmAt > 0 && alarmAt < 1))
                throw new CliError($"--threshold must be in (0, 1) (got {alarmAt}).");
            var ml = new MLContext(0);
            string modelPath = parse.GetValue(model)!;
            var loaded = ModelFile.Load(ml, modelPath);
            var surgicalCase = CaseSource.ReadCase(parse.GetValue(caseFile)!);
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
            if (parse.GetValue(clinical) is { } table)
            {
                CaseSource.RequireFile(table, "clinical table");
                string id = parse.GetValue(caseId) ?? surgicalCase.CaseId;
                if (!ClinicalTable.Read(table).Attributes.TryGetValue(id, out var fromTable))
                    throw new CliError($"Case id '{id}' is not in the clinical table '{table}'.");
                attributes = fromTable;
            }

            var engine = ml.Model.CreatePredictionEngine<IohWindow, Prediction>(loaded);
            var replay = new BedsideReplay(surgicalCase, attributes, strideSeconds);
            using var writer = parse.GetValue(outFile) is { } path ? new StreamWriter(path) : null;
            var sink = writer ?? output;
            sink.WriteLine("time_s,map_mmhg,probability,alarm,forecast_min_5min,forecast_mean_5min");
            int rows = 0;
            foreach (var window in replay.Windows())
            {
                var p = engine.Predict(window);
                var next5 = p.Forecast.Take(Math.Min(100, p.Forecast.Length)).ToArray();
                sink.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{window.Time:F0},{window.History[^1]:F1},{p.Probability:F4},{(p.Probability >= alarmAt ? 1 : 0)},{next5.Min():F1},{next5.Average():F1}"));
                rows++;
            }
            errors.WriteLine($"Scored {rows} prediction times; skipped {replay.SkippedInvalid} with too much invalid MAP in the last 15 min and {replay.SkippedWarmup} before 15 min of history.");
            return 0;
        });
        return command;
    }
}
