using IOHFuse.MLNet.Persistence;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Runtime;

namespace IOHFuse.MLNet.Text;

/// <summary>
/// Turns static patient attributes into a clinical sentence and its GPT-2 BPE tokens: a text column (optional), a
/// token-id vector and an attention-mask vector of <see cref="ClinicalTextFeaturizerOptions.MaximumTokens"/> elements.
/// Create it with <c>mlContext.IOHFuse().Transforms.FeaturizeClinicalText(...)</c>.
/// </summary>
/// <remarks>
/// <para>With the default template a row reads, for example: "A 72-year-old elderly male, BMI 27.4 (overweight),
/// ASA class 3, undergoing elective colorectal surgery (low anterior resection) in general surgery, open approach,
/// under general anaesthesia." Missing values read as unknown ("A patient of unknown age and sex, BMI unknown,
/// ASA class unknown, ...").</para>
/// <para>Fit checks the column types, counts truncated sentences and records the category values it saw (values
/// unseen later are still phrased, and are reported by <see cref="ClinicalTextTransformer.ComputeStatistics"/>).
/// The fitted transformer is a chain of built-in ML.NET transforms, so it saves into model.zip with the rest of the
/// pipeline and loads with no side files.</para>
/// <para>The token vectors are declared with variable size (the length is an option and CustomMapping fixes vector
/// sizes at compile time) but always hold exactly MaximumTokens elements.</para>
/// </remarks>
public sealed class ClinicalTextFeaturizer : IEstimator<ClinicalTextTransformer>
{
    internal const string StateColumn = "__IOHFuse_TextState";
    internal const string NumbersColumn = "__IOHFuse_TextNumbers";
    internal const string TextsColumn = "__IOHFuse_TextTexts";
    internal const string NumberPadColumn = "__IOHFuse_TextNumberPad";
    internal const string ConvertedPrefix = "__IOHFuse_TextConverted_";
    internal const string SentenceColumn = "__IOHFuse_TextSentence";
    internal const string IdsColumn = "__IOHFuse_TextIds";
    internal const string MaskColumn = "__IOHFuse_TextMask";
    internal const string CountColumn = "__IOHFuse_TextCount";

    /// <summary>
    /// The gathered vectors start with two constant slots: Concatenate needs at least one input, and with a single
    /// scalar input it would pass the scalar through instead of making a vector.
    /// </summary>
    internal const int FirstDataSlot = 2;

    private readonly MLContext _mlContext;
    private readonly ClinicalTextFeaturizerOptions _options;

    internal ClinicalTextFeaturizer(MLContext mlContext, ClinicalTextFeaturizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(options);
        _mlContext = mlContext;
        _options = options.Clone();
        ValidateOptions(_options, nameof(options));
    }

    /// <summary>A copy of the options this estimator fits with.</summary>
    public ClinicalTextFeaturizerOptions Options => _options.Clone();

    /// <summary>
    /// Checks the input columns, records category values and truncation statistics over <paramref name="input"/>,
    /// and returns the fitted transformer.
    /// </summary>
    /// <param name="input">Training data holding the configured attribute columns.</param>
    /// <exception cref="ArgumentOutOfRangeException">A configured column is missing or has an unusable type; the message names it.</exception>
    public ClinicalTextTransformer Fit(IDataView input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var plan = Plan(_options, SchemaLookup(input.Schema));
        var state = CreateState(_options, plan);
        string stateText = state.Encode();
        var engine = new ClinicalTextEngine(state);
        var factory = new ClinicalTextMappingFactory(stateText, engine);

        var core = BuildCore(_mlContext, plan, stateText, factory).Fit(input);
        var coreOutput = core.Transform(input);
        var finish = BuildFinish(_mlContext, _options, plan).Fit(coreOutput);
        var inner = new TransformerChain<ITransformer>(core, finish);

        var host = ((IHostEnvironment)_mlContext).Register(nameof(ClinicalTextFeaturizer));
        using var ch = host.Start(nameof(Fit));
        var vocabulary = plan.Where(p => p.IsCategorical).ToDictionary(p => p.Column, _ => new HashSet<string>(StringComparer.Ordinal));
        var statistics = ClinicalTextTransformer.Scan(coreOutput, plan, engine.MaximumTokens, vocabulary, learn: true);
        ch.Info(MessageSensitivity.None,
            "Clinical text: {0} rows, mean {1:0.0} tokens, longest {2}; {3} sentences longer than {4} tokens were truncated.",
            statistics.RowCount, statistics.MeanTokenCount, statistics.LongestTokenCount, statistics.TruncatedRowCount, engine.MaximumTokens);
        if (statistics.TruncatedRowCount > 0)
            ch.Warning(MessageSensitivity.None,
                "{0} of {1} clinical sentences exceed MaximumTokens = {2} (longest {3}); their tails are cut. Raise MaximumTokens or shorten the template.",
                statistics.TruncatedRowCount, statistics.RowCount, engine.MaximumTokens, statistics.LongestTokenCount);

        return new ClinicalTextTransformer(_options, plan, engine, inner, core, vocabulary, statistics);
    }

    /// <summary>The output schema without data: the input columns plus the text (if configured), ids and mask columns.</summary>
    /// <param name="inputSchema">Shape of the input.</param>
    /// <exception cref="ArgumentOutOfRangeException">A configured column is missing or has an unusable type; the message names it.</exception>
    public SchemaShape GetOutputSchema(SchemaShape inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        var plan = Plan(_options, column =>
        {
            var found = inputSchema.Where(c => c.Name == column).ToList();
            if (found.Count == 0)
                return null;
            var c = found[^1];
            DataViewType type = c.Kind == SchemaShape.Column.VectorKind.Scalar ? c.ItemType : new VectorDataViewType((PrimitiveDataViewType)c.ItemType);
            return type;
        });
        // The state's content does not change the shape; only its column's presence does.
        var chain = BuildCore(_mlContext, plan, "", new ClinicalTextMappingFactory())
            .Append(BuildFinish(_mlContext, _options, plan));
        return chain.GetOutputSchema(inputSchema);
    }

    internal static Func<string, DataViewType?> SchemaLookup(DataViewSchema schema) =>
        column => schema.GetColumnOrNull(column)?.Type;

    /// <summary>Checks each configured column and assigns slots; one error names every missing or mistyped column, its
    /// option and the expected type.</summary>
    internal static List<ColumnPlan> Plan(ClinicalTextFeaturizerOptions options, Func<string, DataViewType?> lookup)
    {
        var (plan, problems) = TryPlan(options, lookup);
        ThrowIfAny(problems);
        return plan;
    }

    /// <summary>Throws one error naming every problem, or nothing when there is none.</summary>
    internal static void ThrowIfAny(List<string> problems)
    {
        if (problems.Count > 0)
            throw new ArgumentOutOfRangeException("inputSchema", problems.Count == 1 ? problems[0]
                : $"{problems.Count} clinical-text input columns are wrong: {string.Join(" ", problems)}");
    }

    /// <summary>The plan of the columns that fit, and a problem for each one that does not.</summary>
    internal static (List<ColumnPlan> Plan, List<string> Problems) TryPlan(ClinicalTextFeaturizerOptions options, Func<string, DataViewType?> lookup)
    {
        var plan = new List<ColumnPlan>();
        var problems = new List<string>();
        int numberSlot = FirstDataSlot, textSlot = FirstDataSlot;
        void Add(ClinicalAttribute attribute, string? column, string optionName, bool numberOk, bool booleanOk, bool textOk, string expected)
        {
            if (column is null)
                return;
            var type = lookup(column);
            if (type is null)
            {
                problems.Add($"Column '{column}' ({optionName}) was not found in the input. Expected {expected}. " +
                    (attribute == ClinicalAttribute.Extra
                        ? "Remove it from ExtraAttributeColumns if the data has no such column."
                        : $"Set ClinicalTextFeaturizerOptions.{optionName} to null if the data has no such attribute."));
                return;
            }
            bool isNumber = type is NumberDataViewType, isBoolean = type is BooleanDataViewType, isText = type is TextDataViewType;
            if (!(numberOk && isNumber) && !(booleanOk && isBoolean) && !(textOk && isText))
            {
                problems.Add($"Column '{column}' ({optionName}) has type {type}; expected {expected}.");
                return;
            }
            if (isText)
                plan.Add(new ColumnPlan(attribute, column, optionName, type, SlotKind.Text, false, textSlot++));
            else
                plan.Add(new ColumnPlan(attribute, column, optionName, type, isBoolean ? SlotKind.Boolean : SlotKind.Number,
                    !type.Equals(NumberDataViewType.Single), numberSlot++));
        }
        const string Numeric = "a numeric scalar (Single, Double or an integer type; NaN = unknown)";
        const string Text = "a text scalar (empty = unknown)";
        Add(ClinicalAttribute.Age, options.AgeColumnName, nameof(options.AgeColumnName), true, false, false, Numeric);
        Add(ClinicalAttribute.Sex, options.SexColumnName, nameof(options.SexColumnName), false, false, true, Text);
        Add(ClinicalAttribute.Height, options.HeightColumnName, nameof(options.HeightColumnName), true, false, false, Numeric);
        Add(ClinicalAttribute.Weight, options.WeightColumnName, nameof(options.WeightColumnName), true, false, false, Numeric);
        Add(ClinicalAttribute.Bmi, options.BmiColumnName, nameof(options.BmiColumnName), true, false, false, Numeric);
        Add(ClinicalAttribute.Asa, options.AsaColumnName, nameof(options.AsaColumnName), true, false, false, Numeric);
        Add(ClinicalAttribute.Emergency, options.EmergencyColumnName, nameof(options.EmergencyColumnName), true, true, true,
            "a Boolean, numeric or text scalar");
        Add(ClinicalAttribute.Department, options.DepartmentColumnName, nameof(options.DepartmentColumnName), false, false, true, Text);
        Add(ClinicalAttribute.SurgeryType, options.SurgeryTypeColumnName, nameof(options.SurgeryTypeColumnName), false, false, true, Text);
        Add(ClinicalAttribute.SurgeryName, options.SurgeryNameColumnName, nameof(options.SurgeryNameColumnName), false, false, true, Text);
        Add(ClinicalAttribute.Approach, options.ApproachColumnName, nameof(options.ApproachColumnName), false, false, true, Text);
        Add(ClinicalAttribute.Anesthesia, options.AnesthesiaColumnName, nameof(options.AnesthesiaColumnName), false, false, true, Text);
        foreach (string extra in options.ExtraAttributeColumns)
            Add(ClinicalAttribute.Extra, extra, nameof(options.ExtraAttributeColumns), true, true, true, "a text, numeric or Boolean scalar");
        return (plan, problems);
    }

    internal static ClinicalTextState CreateState(ClinicalTextFeaturizerOptions options, IEnumerable<ColumnPlan> plan) => new()
    {
        Template = options.Template ?? ClinicalTextFeaturizerOptions.DefaultTemplate,
        DomainWords = options.DomainWords.ToList(),
        MaximumTokens = options.MaximumTokens,
        PaddingTokenId = options.PaddingTokenId,
        Slots = plan.Select(p => new SlotBinding { Attribute = p.Attribute, Name = p.Column, Kind = p.Kind, Slot = p.Slot }).ToList(),
    };

    /// <summary>State → gathered vectors → row mapping (everything up to the internal output columns).</summary>
    private static IEstimator<ITransformer> BuildCore(MLContext ml, List<ColumnPlan> plan, string stateText, ClinicalTextMappingFactory factory)
    {
        IEstimator<ITransformer> chain = StateLowering.AttachState(ml, StateColumn, stateText)
            .Append(ml.Transforms.Conversion.MapValue(NumberPadColumn,
                new[] { new KeyValuePair<string, float>(StateLowering.KeyValue, 0f) }, StateLowering.KeyColumn));
        var numbers = new List<string> { NumberPadColumn, NumberPadColumn };
        var texts = new List<string> { StateLowering.KeyColumn, StateLowering.KeyColumn };
        var conversions = new List<InputOutputColumnPair>();
        foreach (var p in plan.OrderBy(p => p.Slot))
        {
            if (p.Kind == SlotKind.Text)
            {
                texts.Add(p.Column);
            }
            else if (p.NeedsConversion)
            {
                string converted = ConvertedPrefix + numbers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                conversions.Add(new InputOutputColumnPair(converted, p.Column));
                numbers.Add(converted);
            }
            else
            {
                numbers.Add(p.Column);
            }
        }
        if (conversions.Count > 0)
            chain = chain.Append(ml.Transforms.Conversion.ConvertType(conversions.ToArray(), DataKind.Single));
        return chain
            .Append(ml.Transforms.Concatenate(NumbersColumn, numbers.ToArray()))
            .Append(ml.Transforms.Concatenate(TextsColumn, texts.ToArray()))
            .Append(ml.Transforms.CustomMapping(factory.GetMapping(), ClinicalTextMappingFactory.ContractName));
    }

    /// <summary>Copies the internal outputs to the user's column names and drops every helper column.</summary>
    private static IEstimator<ITransformer> BuildFinish(MLContext ml, ClinicalTextFeaturizerOptions options, List<ColumnPlan> plan)
    {
        IEstimator<ITransformer> chain = ml.Transforms.CopyColumns(options.TokenIdsColumnName, IdsColumn)
            .Append(ml.Transforms.CopyColumns(options.TokenMaskColumnName, MaskColumn));
        if (options.OutputTextColumnName is not null)
            chain = chain.Append(ml.Transforms.CopyColumns(options.OutputTextColumnName, SentenceColumn));
        var drop = new List<string>
        {
            StateLowering.KeyColumn, StateColumn, NumberPadColumn, NumbersColumn, TextsColumn,
            SentenceColumn, IdsColumn, MaskColumn, CountColumn,
        };
        int numberCount = FirstDataSlot;
        foreach (var p in plan.Where(p => p.Kind != SlotKind.Text).OrderBy(p => p.Slot))
        {
            if (p.NeedsConversion)
                drop.Add(ConvertedPrefix + numberCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
            numberCount++;
        }
        return chain.Append(ml.Transforms.DropColumns(drop.ToArray()));
    }

    private static void ValidateOptions(ClinicalTextFeaturizerOptions o, string paramName)
    {
        if (o.MaximumTokens is < 1 or > 4096)
            throw new ArgumentOutOfRangeException($"{paramName}.{nameof(o.MaximumTokens)}", o.MaximumTokens, "MaximumTokens must be from 1 to 4096.");
        if (o.PaddingTokenId < 0)
            throw new ArgumentOutOfRangeException($"{paramName}.{nameof(o.PaddingTokenId)}", o.PaddingTokenId, "PaddingTokenId must be 0 or more.");
        if (string.IsNullOrWhiteSpace(o.TokenIdsColumnName))
            throw new ArgumentException("TokenIdsColumnName must name a column.", $"{paramName}.{nameof(o.TokenIdsColumnName)}");
        if (string.IsNullOrWhiteSpace(o.TokenMaskColumnName))
            throw new ArgumentException("TokenMaskColumnName must name a column.", $"{paramName}.{nameof(o.TokenMaskColumnName)}");
        if (o.OutputTextColumnName is { } textColumn && string.IsNullOrWhiteSpace(textColumn))
            throw new ArgumentException("OutputTextColumnName must name a column, or be null to emit no text.", $"{paramName}.{nameof(o.OutputTextColumnName)}");
        var outputs = new[] { o.OutputTextColumnName, o.TokenIdsColumnName, o.TokenMaskColumnName }.Where(n => n is not null).ToList();
        if (outputs.Distinct(StringComparer.Ordinal).Count() != outputs.Count)
            throw new ArgumentException("The text, token-id and token-mask output columns must have different names.", paramName);
        foreach (var (name, value) in new[]
        {
            (nameof(o.AgeColumnName), o.AgeColumnName), (nameof(o.SexColumnName), o.SexColumnName),
            (nameof(o.HeightColumnName), o.HeightColumnName), (nameof(o.WeightColumnName), o.WeightColumnName),
            (nameof(o.BmiColumnName), o.BmiColumnName), (nameof(o.AsaColumnName), o.AsaColumnName),
            (nameof(o.EmergencyColumnName), o.EmergencyColumnName), (nameof(o.DepartmentColumnName), o.DepartmentColumnName),
            (nameof(o.SurgeryTypeColumnName), o.SurgeryTypeColumnName), (nameof(o.SurgeryNameColumnName), o.SurgeryNameColumnName),
            (nameof(o.ApproachColumnName), o.ApproachColumnName), (nameof(o.AnesthesiaColumnName), o.AnesthesiaColumnName),
        })
        {
            if (value is not null && string.IsNullOrWhiteSpace(value))
                throw new ArgumentException($"{name} is empty; use null to leave the attribute out.", $"{paramName}.{name}");
        }
        var extras = new HashSet<string>(StringComparer.Ordinal);
        foreach (string extra in o.ExtraAttributeColumns)
        {
            if (string.IsNullOrWhiteSpace(extra))
                throw new ArgumentException("ExtraAttributeColumns contains an empty column name.", $"{paramName}.{nameof(o.ExtraAttributeColumns)}");
            if (!extras.Add(extra))
                throw new ArgumentException($"ExtraAttributeColumns lists '{extra}' twice.", $"{paramName}.{nameof(o.ExtraAttributeColumns)}");
        }
        try
        {
            ClinicalSentenceComposer.Parse(o.Template ?? ClinicalTextFeaturizerOptions.DefaultTemplate);
            _ = new ClinicalTextTokenizer(o.DomainWords.ToList());
        }
        catch (ArgumentException ex)
        {
            string option = ex.ParamName == "template" ? nameof(o.Template) : nameof(o.DomainWords);
            // Re-throw under the option's name; drop the inner " (Parameter '...')" suffix so it is not shown twice.
            string message = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal);
            throw new ArgumentException(message, $"{paramName}.{option}", ex);
        }
    }
}
