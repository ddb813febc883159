using System.CommandLine;
using IOHFuse.Experiments;
using Microsoft.ML;

namespace IOHFuse.Cli;

/// <summary>`iohfuse cohort-compare`: the synthetic cohort's statistics beside real recordings', with tolerances.</summary>
internal static class CohortCompareCommand
{
    public static Command Create(TextWriter output)
    {
        var defaults = new CohortComparisonOptions();
        var data = new Option<string>("--data") { Description = "Folder of real recordings to compare with (e.g. ../shared/data/real-icu-map/cases).", Required = true };
        var outDir = new Option<string>("--out") { Description = "Output folder for comparison.md and the plots.", DefaultValueFactory = _ => "docs/cohort" };
        var cases = new Option<int>("--cases") { Description = "Synthetic cases (the default cohort has 300).", DefaultValueFactory = _ => defaults.NumberOfCases };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic cohort.", DefaultValueFactory = _ => defaults.Seed };
        var period = new Option<double>("--period") { Description = "Seconds at which both sides are compared (the real recordings' period).", DefaultValueFactory = _ => defaults.ComparisonPeriodSeconds };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Case-bootstrap replicates of the AUROC CIs.", DefaultValueFactory = _ => defaults.BootstrapReplicates };
        var command = new Command("cohort-compare", "Measure the synthetic cohort and real recordings alike (MAP level, changes, autocorrelation, events, decline before onset, current-MAP AUROC); writes comparison.md and plots.");
        foreach (var o in new Option[] { data, outDir, cases, seed, period, bootstrap })
            command.Options.Add(o);
        command.SetAction(parse =>
        {
            string directory = parse.GetValue(data)!;
            if (!Directory.Exists(directory))
                throw new CliError($"Data folder '{directory}' does not exist.");
            var options = new CohortComparisonOptions
            {
                NumberOfCases = parse.GetValue(cases),
                Seed = parse.GetValue(seed),
                ComparisonPeriodSeconds = parse.GetValue(period),
                BootstrapReplicates = parse.GetValue(bootstrap),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentOutOfRangeException ex)
            {
                throw new CliError($"--{Kebab(ex.ParamName)}: {ex.Message.Split(" (Parameter")[0].Split(Environment.NewLine)[0]}");
            }
            var rows = CohortComparison.Run(new MLContext(1), directory, parse.GetValue(outDir)!, options, line => { output.WriteLine(line); output.Flush(); });
            output.WriteLine(CohortComparison.Table(rows));
            return 0;
        });
        return command;
    }

    private static string Kebab(string? name) => name switch
    {
        nameof(CohortComparisonOptions.NumberOfCases) => "cases",
        nameof(CohortComparisonOptions.BootstrapReplicates) => "bootstrap",
        nameof(CohortComparisonOptions.ComparisonPeriodSeconds) => "period",
        _ => name ?? "option",
    };
}
