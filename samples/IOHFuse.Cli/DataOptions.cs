using System.CommandLine;
using IOHFuse.MLNet.Data;

namespace IOHFuse.Cli;

/// <summary>The data options shared by train and evaluate.</summary>
internal sealed class DataOptions
{
    public Option<string?> Data { get; } = new("--data") { Description = "Folder of recordings (.csv/.tsv/.txt exports or .vital); default: the synthetic cohort. A manifest.csv (file, subject[, split]) in it or its parent groups recordings by patient." };
    public Option<string?> Clinical { get; } = new("--clinical") { Description = "Clinical table CSV (VitalDB columns) joined to the cases by case id (file name)." };
    public Option<string?> MapColumn { get; } = new("--map-column", "--track") { Description = "CSV column or .vital track (\"Device/Track\" or \"Track\") holding MAP or an arterial wave (default: the MAP source with the most valid minutes, found by common names)." };
    public Option<int> Cases { get; } = new("--cases") { Description = "Synthetic cases when --data is not given.", DefaultValueFactory = _ => 120 };
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed for the cohort, split and training.", DefaultValueFactory = _ => 1 };
    public Option<int> Horizon { get; } = new("--horizon") { Description = "Prediction horizon in minutes: 5, 10 or 15.", DefaultValueFactory = _ => 5 };

    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(Clinical);
        command.Options.Add(MapColumn);
        command.Options.Add(Cases);
        command.Options.Add(Seed);
        command.Options.Add(Horizon);
    }

    public CaseFileOptions FileOptions(ParseResult parse) => new() { MapSource = parse.GetValue(MapColumn) };
}
