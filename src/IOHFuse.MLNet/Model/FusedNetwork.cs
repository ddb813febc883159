using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace IOHFuse.MLNet.Model;

#pragma warning disable IDE1006 // snake_case field names are the state_dict keys (GPT-2 naming where it applies).

/// <summary>
/// IOHFuseLM: patch embedding of the MAP history, GPT-2 token embedding of the clinical sentence, text–patch
/// alignment by cross-attention, learned positions over [aligned text | patches], a causal pre-LN transformer
/// backbone, and three heads (forecast, IOH logit, masked-patch reconstruction for pretraining).
/// </summary>
/// <remarks>Shapes follow the reference description in the design brief; comments give them as [B, ...].</remarks>
internal sealed class FusedNetwork : nn.Module
{
    private readonly Linear patch_embed;
    private readonly TokenEmbedding? wte;
    private readonly TextPatchAlignment? align;
    private readonly Parameter wpe;
    private readonly Parameter mask_token;
    private readonly ModuleList<PreLayerNormBlock> h;
    private readonly LayerNorm ln_f;
    private readonly Linear forecast_head;
    private readonly Linear forecast_skip;
    private readonly Linear ioh_head;
    private readonly Linear ioh_skip;
    private readonly Linear pretrain_head;
    private readonly Dropout drop;

    /// <param name="config">Architecture.</param>
    /// <param name="initialWeights">Draws the starting weights (training: the Fit's own generator, so a seed reproduces
    /// the model without touching TorchSharp's process-wide generator). Null when a saved state is loaded next: the
    /// weights are then left uninitialised instead of being drawn only to be overwritten.</param>
    public FusedNetwork(FusedModelConfig config, Generator? initialWeights) : base("iohfuse")
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        int d = config.ModelDimension;
        var g = initialWeights;
        patch_embed = InitialWeights.Linear(config.PatchLength, d, g);
        if (config.UsesText)
        {
            wte = InitialWeights.Embedding("wte", config.VocabularySize, d, 0.02, g);
            align = new TextPatchAlignment("align", d, config.NumberOfHeads, config.Dropout, g);
        }
        wpe = InitialWeights.NormalParameter([config.SequenceLength, d], 0.02, g);
        mask_token = nn.Parameter(torch.zeros(d));
        h = nn.ModuleList(Enumerable.Range(0, config.NumberOfLayers)
            .Select(i => new PreLayerNormBlock($"h{i}", d, config.NumberOfHeads, config.FeedForwardMultiplier, config.Dropout, g)).ToArray());
        ln_f = nn.LayerNorm(d);
        forecast_head = InitialWeights.Linear((long)config.PatchCount * d, config.ForecastLength, g);
        ioh_head = InitialWeights.Linear(d, 1, g);
        // Linear paths from the raw (normalised) history to both outputs, as in DLinear: the network then only has
        // to learn a correction to what a linear model of the recent pressure already predicts (level, trend).
        forecast_skip = InitialWeights.Linear(config.HistoryLength, config.ForecastLength, g);
        ioh_skip = InitialWeights.Linear(config.HistoryLength, 1, g);
        pretrain_head = InitialWeights.Linear(d, config.PatchLength, g);
        drop = nn.Dropout(config.Dropout);
        RegisterComponents();
        if (g is null)
            return;
        // Zero-initialised forecast paths: training starts exactly at the persistence forecast.
        ResetForecastToPersistence();
        using (torch.no_grad())
        {
            if (wte is not null)
            {
                using var unknown = wte.Weight[TokenVocabulary.UnknownRow];
                unknown.zero_();
            }
            // The IOH logit likewise starts at the current-MAP rule (lower MAP now → higher risk): the learned paths
            // begin at zero, so stage 2 refines the clinical baseline instead of having to rediscover it from a few
            // hundred positives, and the trainer can keep this start when no epoch beats it on validation cases.
            nn.init.zeros_(ioh_head.weight!);
            nn.init.zeros_(ioh_head.bias!);
            nn.init.zeros_(ioh_skip.weight!);
            using (var lastSample = ioh_skip.weight![0, config.HistoryLength - 1])
            using (var slope = (-CurrentMapSlope).ToScalar())
                lastSample.fill_(slope);
            using (var pivot = (CurrentMapSlope * (CurrentMapPivot - FusedModelConfig.MapCenter) / FusedModelConfig.MapScale).ToScalar())
                nn.init.constant_(ioh_skip.bias!, pivot);
        }
    }

    /// <summary>Initial logit change per <see cref="FusedModelConfig.MapScale"/> mmHg of current MAP (one logit per 10 mmHg).</summary>
    internal const float CurrentMapSlope = 2f;

    /// <summary>Current MAP (mmHg) at which the initial logit is 0.</summary>
    internal const float CurrentMapPivot = 70f;

    public FusedModelConfig Config { get; }

    /// <summary>True for the parameters of the task heads (forecast, IOH), which only stage 2 trains.</summary>
    public static bool IsTaskHead(string parameterName) =>
        parameterName.StartsWith("forecast_", StringComparison.Ordinal) || parameterName.StartsWith("ioh_", StringComparison.Ordinal);

    /// <summary>Parameters that stay trainable in the default (frozen-backbone) fine-tuning: LayerNorms, positions,
    /// patch embedding, alignment and the heads. The transformer blocks' attention/MLP weights and the token embedding
    /// are frozen, as in the paper.</summary>
    public IEnumerable<(string Name, Parameter Parameter)> FineTunableParameters(bool unfreezeBackbone)
    {
        foreach (var (name, p) in named_parameters())
        {
            bool backboneWeight = name.StartsWith("h.", StringComparison.Ordinal) && !name.Contains(".ln_", StringComparison.Ordinal);
            bool tokenEmbedding = name.StartsWith("wte.", StringComparison.Ordinal);
            bool pretrainHead = name.StartsWith("pretrain_head.", StringComparison.Ordinal) || name == "mask_token";
            if (pretrainHead)
                continue;
            if (unfreezeBackbone || !(backboneWeight || tokenEmbedding))
                yield return (name, p);
        }
    }

    /// <summary>Runs the network.</summary>
    /// <param name="history">[B, H] MAP in mmHg.</param>
    /// <param name="tokenIds">[B, T] Int64 token ids (ignored without text).</param>
    /// <param name="tokenMask">[B, T] 1 for tokens, 0 for padding (ignored without text).</param>
    /// <param name="maskedPatches">[B, P] Boolean, true where a patch is replaced by the mask token (pretraining); null otherwise.</param>
    public FusedNetworkOutput Forward(Tensor history, Tensor? tokenIds, Tensor? tokenMask, Tensor? maskedPatches = null)
    {
        using var scope = NewDisposeScope();
        var cfg = Config;
        long b = history.shape[0];
        var normalized = FusedModelConfig.Normalize(history);                                     // [B, H]
        var patches = normalized.view(b, cfg.PatchCount, cfg.PatchLength);                        // [B, P, L]
        var patchTokens = patch_embed.call(patches);                                               // [B, P, d]
        if (maskedPatches is not null)
            patchTokens = torch.where(maskedPatches.unsqueeze(-1), mask_token.expand_as(patchTokens), patchTokens);

        Tensor sequence;
        Tensor? allowed;
        PackedRows? kept = null;
        Tensor positions = wpe;
        int textLength = 0;
        if (cfg.UsesText)
        {
            if (tokenIds is null || tokenMask is null)
                throw new ArgumentException("This model uses text: token ids and mask are required.", nameof(tokenIds));
            // Text columns that are padding in every row of the batch are dropped before any work is done on them.
            // Padding is never attended to (it is masked as a key, and text queries only feed later layers as keys),
            // so the patch and last-token outputs are mathematically unchanged, while a single row with a short
            // sentence runs on a much shorter sequence (padding is on the right; the featurizer pads to 80).
            textLength = ActiveTextLength(tokenMask);
            if (textLength < cfg.TextLength)
            {
                tokenIds = tokenIds.narrow(1, 0, textLength);                                       // [B, T']
                tokenMask = tokenMask.narrow(1, 0, textLength);
                positions = torch.cat(new[] { wpe.narrow(0, 0, textLength), wpe.narrow(0, cfg.TextLength, cfg.PatchCount) }, 0); // [T' + P, d]
            }
            var text = wte!.call(tokenIds);                                                        // [B, T', d]
            var aligned = align!.call(text, patchTokens);                                          // [B, T', d]
            sequence = torch.cat(new[] { aligned, patchTokens }, 1);                                // [B, S', d]
            var keyValid = torch.cat(new[] { tokenMask.GreaterThan(0.5), torch.ones(b, cfg.PatchCount, dtype: ScalarType.Bool, device: history.device) }, 1); // [B, S']
            allowed = AttentionMask(keyValid, textLength + cfg.PatchCount, history.device);        // [B, 1, S', S']
            // Rows with shorter sentences still carry padding up to the batch's longest one: the blocks before the
            // last run their row-by-row work on the real positions only (PackedRows). A one-block network has none.
            if (h.Count > 1)
                kept = new PackedRows(keyValid);
        }
        else
        {
            sequence = patchTokens;
            allowed = AttentionMask(null, cfg.SequenceLength, history.device);
        }

        var x = drop.call(sequence.Plus(positions));
        if (kept is { KeepsAll: false })
        {
            var packed = kept.Pack(x);                                                             // [N, d]
            for (int i = 0; i < h.Count - 1; i++)
                packed = h[i].ForwardPacked(packed, kept, allowed!);
            x = kept.Unpack(packed);                                                               // zeros at padding, a masked key
        }
        else
        {
            for (int i = 0; i < h.Count - 1; i++)
                x = h[i].call(x, allowed);
        }
        // Everything after the last block reads the patch positions only, so its text positions (80 of 110 with a
        // full sentence) are not computed; they stay keys and values of its attention.
        x = h[h.Count - 1].Forward(x, allowed, textLength);                                        // [B, P, d]
        var patchStates = ln_f.call(x);                                                            // [B, P, d]
        // The forecast is a change from the last observed value, so an untrained model starts at persistence.
        var last = normalized.narrow(1, cfg.HistoryLength - 1, 1);                                 // [B, 1]
        var forecast = last.Plus(forecast_head.call(patchStates.reshape(b, -1))).Plus(forecast_skip.call(normalized)); // [B, F]
        var lastState = patchStates.select(1, cfg.PatchCount - 1);                                 // [B, d]
        var logit = ioh_head.call(lastState).Plus(ioh_skip.call(normalized)).squeeze(-1);          // [B]
        return new FusedNetworkOutput(forecast.MoveToOuterDisposeScope(), logit.MoveToOuterDisposeScope(), patchStates.MoveToOuterDisposeScope(),
            lastState.MoveToOuterDisposeScope());
    }

    /// <summary>Zeroes the forecast paths, so the forecast is persistence again (the state training starts from).</summary>
    public void ResetForecastToPersistence()
    {
        using var noGrad = torch.no_grad();
        nn.init.zeros_(forecast_skip.weight!);
        nn.init.zeros_(forecast_skip.bias!);
        nn.init.zeros_(forecast_head.weight!);
        nn.init.zeros_(forecast_head.bias!);
    }

    /// <summary>Reconstructs each patch from its final hidden state (stage-1 pretraining). [B, P, d] → [B, P, L].</summary>
    public Tensor ReconstructPatches(Tensor patchStates) => pretrain_head.call(patchStates);

    /// <summary>One past the last text column that holds a token in any row (at least 1, so shapes stay non-empty).</summary>
    private static int ActiveTextLength(Tensor tokenMask)
    {
        using var scope = NewDisposeScope();
        long columns = tokenMask.shape[1];
        var used = tokenMask.GreaterThan(0.5).any(0);                                                      // [T]
        var lastPlusOne = (used * KeptScalars.Range(1, columns + 1, ScalarType.Int64, tokenMask.device)).max();
        return (int)Math.Max(1, lastPlusOne.cpu().item<long>());
    }

    /// <summary>Causal mask combined with key padding; the diagonal is always allowed so no row is empty.</summary>
    private static Tensor AttentionMask(Tensor? keyValid, int length, Device device)
    {
        using var scope = NewDisposeScope();
        var causal = torch.ones(length, length, dtype: ScalarType.Bool, device: device).tril();   // [S, S]
        Tensor allowed;
        if (keyValid is null)
        {
            allowed = causal.unsqueeze(0).unsqueeze(0);                                             // [1, 1, S, S]
        }
        else
        {
            var eye = torch.eye(length, dtype: ScalarType.Bool, device: device);
            allowed = (causal & keyValid.unsqueeze(1)) | eye;                                      // [B, S, S]
            allowed = allowed.unsqueeze(1);                                                        // [B, 1, S, S]
        }
        return allowed.MoveToOuterDisposeScope();
    }
}
