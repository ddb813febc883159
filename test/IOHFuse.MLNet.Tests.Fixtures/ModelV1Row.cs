using System.Globalization;
using IOHFuse.MLNet.Data;
using IOHFuse.MLNet.Tests.Reliability;

namespace IOHFuse.MLNet.Tests.Fixtures;

/// <summary>
/// One line of expected.tsv: a window's inputs (case, time, the attributes the featurizer reads, the MAP history) and
/// the saved model's outputs for it. Tab-separated; vectors are space-separated; floats in round-trip form ("R"), so
/// reading a line back gives the exact bits that were written.
/// </summary>
internal static class ModelV1Row
{
    public const string Header =
        "CaseId\tTime\tAge\tSex\tHeight\tWeight\tBmi\tAsa\tEmergency\tDepartment\tSurgeryType\tSurgeryName\tApproach\tAnesthesia\tLabel\tHistory\tScore\tProbability\tPredictedLabel\tForecast";

    public static string Format(IohWindow w, ScoreRow s)
    {
        string[] texts = [w.CaseId, w.Sex, w.Department, w.SurgeryType, w.SurgeryName, w.Approach, w.Anesthesia];
        if (texts.Any(t => t.Contains('\t', StringComparison.Ordinal) || t.Contains('\n', StringComparison.Ordinal)))
            throw new InvalidOperationException($"Window of case '{w.CaseId}' has a tab or newline in a text attribute.");
        return string.Join('\t',
            w.CaseId, F(w.Time), F(w.Age), w.Sex, F(w.Height), F(w.Weight), F(w.Bmi), F(w.Asa), F(w.Emergency),
            w.Department, w.SurgeryType, w.SurgeryName, w.Approach, w.Anesthesia, w.Label ? "1" : "0", Vector(w.History),
            F(s.Score), F(s.Probability), s.PredictedLabel ? "1" : "0", Vector(s.Forecast));
    }

    public static (IohWindow Window, ScoreRow Expected) Parse(string line)
    {
        var f = line.Split('\t');
        if (f.Length != Header.Split('\t').Length)
            throw new InvalidDataException($"expected.tsv line has {f.Length} fields, not {Header.Split('\t').Length}.");
        var window = new IohWindow
        {
            CaseId = f[0], Time = P(f[1]), Age = P(f[2]), Sex = f[3], Height = P(f[4]), Weight = P(f[5]), Bmi = P(f[6]), Asa = P(f[7]),
            // 1 = emergency, 0 = elective, NaN = unknown (the fixture was written when this was a Boolean: "1"/"0").
            Emergency = P(f[8]), Department = f[9], SurgeryType = f[10], SurgeryName = f[11], Approach = f[12], Anesthesia = f[13],
            Label = f[14] == "1", History = Vector(f[15]),
        };
        var expected = new ScoreRow { Score = P(f[16]), Probability = P(f[17]), PredictedLabel = f[18] == "1", Forecast = Vector(f[19]) };
        return (window, expected);
    }

    private static string F(float v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static float P(string s) => float.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Vector(float[] values) => string.Join(' ', values.Select(F));

    private static float[] Vector(string s) => s.Split(' ').Select(P).ToArray();
}
