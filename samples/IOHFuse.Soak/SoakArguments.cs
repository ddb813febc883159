using System.Globalization;

namespace IOHFuse.Soak;

/// <summary>Command-line settings of the soak.</summary>
internal sealed record SoakArguments(long Windows, int Epochs, int TrainRows, long Every, int Threads)
{
    public static SoakArguments Parse(string[] args)
    {
        long windows = 1_000_000, every = 50_000;
        int epochs = 20, trainRows = 2000, threads = 0;
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"'{args[i]}' needs a value.", nameof(args));
            switch (args[i])
            {
                case "--windows": windows = long.Parse(value, CultureInfo.InvariantCulture); break;
                case "--epochs": epochs = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--train-rows": trainRows = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--every": every = long.Parse(value, CultureInfo.InvariantCulture); break;
                case "--threads": threads = int.Parse(value, CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Options: --windows, --epochs, --train-rows, --every, --threads.", nameof(args));
            }
            i++;
        }
        if (windows < 1 || epochs < 2 || trainRows < 10 || every < 1 || threads < 0)
            throw new ArgumentException("--windows ≥ 1, --epochs ≥ 2, --train-rows ≥ 10, --every ≥ 1, --threads ≥ 0.", nameof(args));
        return new SoakArguments(windows, epochs, trainRows, every, threads);
    }
}
