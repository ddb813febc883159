namespace IOHFuse.MLNet.Benchmarks;

/// <summary>Command-line options of the timing harness, with the PyTorch reference implementation's flag names and defaults.</summary>
public sealed class HarnessArguments
{
    /// <summary>Parses <c>--name value</c> pairs.</summary>
    public HarnessArguments(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"Option {args[i]} needs a value.");
            switch (args[i])
            {
                case "--config": Config = value; break;
                case "--steps": Steps = int.Parse(value); break;
                case "--warmup": Warmup = int.Parse(value); break;
                case "--infer-calls": InferCalls = int.Parse(value); break;
                case "--infer-reps": InferReps = int.Parse(value); break;
                case "--infer-batch": InferBatch = int.Parse(value); break;
                case "--transform-rows": TransformRows = int.Parse(value); break;
                case "--epochs": Epochs = int.Parse(value); break;
                case "--rows": Rows = int.Parse(value); break;
                case "--json": Json = value; break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
            i++;
        }
    }

    /// <summary>small, paper or memory.</summary>
    public string Config { get; } = "small";

    /// <summary>Timed training steps per stage.</summary>
    public int Steps { get; } = 20;

    /// <summary>Untimed warm-up steps per stage.</summary>
    public int Warmup { get; } = 3;

    /// <summary>Single-row calls timed (each on a different row).</summary>
    public int InferCalls { get; } = 200;

    /// <summary>Timed calls of the big batch.</summary>
    public int InferReps { get; } = 5;

    /// <summary>Rows of the big inference batch.</summary>
    public int InferBatch { get; } = 256;

    /// <summary>Windows scored through Transform (0 skips the ML.NET pipeline figures).</summary>
    public int TransformRows { get; }

    /// <summary>Stage-2 epochs of the memory run.</summary>
    public int Epochs { get; } = 20;

    /// <summary>Training rows of the memory run (32 per step).</summary>
    public int Rows { get; } = 256;

    /// <summary>Where to write the JSON, if anywhere.</summary>
    public string? Json { get; }
}
