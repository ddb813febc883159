using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace IOHFuse.MLNet.Model;

/// <summary>
/// The evaluation-mode forward pass of a trained <see cref="FusedNetwork"/>, laid out for scoring a row or a few rows at a
/// time. It computes what <see cref="FusedNetwork.Forward"/> computes in evaluation mode, with about 60 tensor operations
/// for a row instead of about 150, because at scoring sizes (tens of tokens, d = 64) the per-operation cost of the
/// interop and the dispatcher outweighs the arithmetic:
/// <list type="bullet">
/// <item>weights are prepared once: transposed views for <c>addmm</c> on 2-D activations (one call with the bias,
/// where <c>nn.functional.linear</c> on 3-D input makes four), the query/key/value projections of a block fused into
/// one matrix (the key/value ones of the alignment), the persistence term of the forecast folded into its skip path
/// and the IOH head's bias into its skip path;</item>
/// <item>the inputs are normalised and trimmed to the active text length in managed code and written straight into
/// native memory; the forecast is converted back to mmHg the same way (the same IEEE operations as on tensors);</item>
/// <item>attention is causal by the kernel's own flag when no key in a row is padding (one row with a sentence, or a
/// series-only model), so no mask is built for those blocks; position embeddings per active text length are built
/// once;</item>
/// <item>the last block computes queries, and everything after attention, for the patch positions only, as the
/// training forward does: the outputs read nothing else, and a block's rows are independent after attention, so the
/// text positions' outputs would be thrown away (47 of 77 positions for the CLI's default model with its usual
/// sentence). Its causal mask is offset by the text length, which the kernel's flag cannot express, so a text model's
/// last block gets a mask, built once per active text length;</item>
/// <item>the operations run on the calling thread alone (<see cref="CallingThreadScope"/>): a row is too small to
/// share, and forking and joining libtorch's intra-op threads two dozen times per row is what made scoring slow and
/// erratic on a busy machine.</item>
/// </list>
/// Results differ from <see cref="FusedNetwork.Forward"/> only by float rounding (tested). Training and its
/// validation never use this class, so the trainer's numbers do not depend on it. Thread-safe: weights are only read,
/// the position and mask caches are published atomically, and each call uses its own dispose scope.
/// </summary>
internal sealed class FusedInference : IDisposable
{
    /// <summary><c>nn.LayerNorm</c>'s default epsilon, which every LayerNorm of the network uses.</summary>
    private const double LayerNormEpsilon = 1e-5;

    private readonly FusedModelConfig _config;
    private readonly Device _device;
    private readonly List<Tensor> _owned = new();
    private readonly long[] _normalizedShape;
    private readonly Scalar _one;
    private readonly Tensor _patchWeight, _patchBias;
    private readonly Tensor? _tokenEmbedding;
    private readonly Tensor? _alignQueryWeight, _alignQueryBias, _alignKeyValueWeight, _alignKeyValueBias, _alignOutWeight, _alignOutBias;
    private readonly Tensor? _alignNormWeight, _alignNormBias;
    private readonly Block[] _blocks;
    private readonly Tensor _finalNormWeight, _finalNormBias;
    private readonly Tensor _forecastSkipWeight, _forecastSkipBias, _forecastHeadWeight;
    private readonly Tensor _iohSkipWeight, _iohSkipBias, _iohHeadWeight;
    private readonly Tensor _positions;
    private readonly Tensor?[] _positionsByTextLength;
    private readonly Tensor?[] _patchQueryMaskByTextLength;
    private bool _disposed;

    /// <summary>Prepares the weights of <paramref name="network"/> (read once; the network must not be trained afterwards).</summary>
    public FusedInference(FusedNetwork network, Device device)
    {
        ArgumentNullException.ThrowIfNull(network);
        _config = network.Config;
        _device = device;
        var cfg = _config;
        int d = cfg.ModelDimension;
        _normalizedShape = [d];
        _one = 1.ToScalar();
        var p = network.named_parameters().ToDictionary(kv => kv.name, kv => kv.parameter);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();

        _patchWeight = Keep(p["patch_embed.weight"].t());
        _patchBias = Keep(p["patch_embed.bias"]);
        _positions = Keep(p["wpe"]);
        if (cfg.UsesText)
        {
            _tokenEmbedding = Keep(p["wte.weight"]);
            const string a = "align.cross_attn.";
            _alignQueryWeight = Keep(p[a + "q_proj.weight"].t());
            _alignQueryBias = Keep(p[a + "q_proj.bias"]);
            _alignKeyValueWeight = Keep(torch.cat(new Tensor[] { p[a + "k_proj.weight"], p[a + "v_proj.weight"] }, 0).t());
            _alignKeyValueBias = Keep(torch.cat(new Tensor[] { p[a + "k_proj.bias"], p[a + "v_proj.bias"] }, 0));
            _alignOutWeight = Keep(p[a + "out_proj.weight"].t());
            _alignOutBias = Keep(p[a + "out_proj.bias"]);
            _alignNormWeight = Keep(p["align.norm.weight"]);
            _alignNormBias = Keep(p["align.norm.bias"]);
        }
        _blocks = new Block[cfg.NumberOfLayers];
        for (int i = 0; i < _blocks.Length; i++)
        {
            string b = $"h.{i}.";
            _blocks[i] = new Block(
                Keep(p[b + "ln_1.weight"]), Keep(p[b + "ln_1.bias"]),
                Keep(torch.cat(new Tensor[] { p[b + "attn.q_proj.weight"], p[b + "attn.k_proj.weight"], p[b + "attn.v_proj.weight"] }, 0).t()),
                Keep(torch.cat(new Tensor[] { p[b + "attn.q_proj.bias"], p[b + "attn.k_proj.bias"], p[b + "attn.v_proj.bias"] }, 0)),
                Keep(p[b + "attn.out_proj.weight"].t()), Keep(p[b + "attn.out_proj.bias"]),
                Keep(p[b + "ln_2.weight"]), Keep(p[b + "ln_2.bias"]),
                Keep(p[b + "fc.weight"].t()), Keep(p[b + "fc.bias"]),
                Keep(p[b + "proj.weight"].t()), Keep(p[b + "proj.bias"]));
        }
        _finalNormWeight = Keep(p["ln_f.weight"]);
        _finalNormBias = Keep(p["ln_f.bias"]);

        // forecast = last + head(patches) + skip(history): the "last" term is a 1 added to the skip weight of the last
        // sample, and the head's bias joins the skip's, so the forecast is two addmm calls.
        var skip = p["forecast_skip.weight"].clone();                                  // [F, H]
        using (var lastColumn = skip.narrow(1, cfg.HistoryLength - 1, 1))
            lastColumn.add_(_one);
        _forecastSkipWeight = Keep(skip.t());
        _forecastSkipBias = Keep(p["forecast_skip.bias"].add(p["forecast_head.bias"], _one));
        _forecastHeadWeight = Keep(p["forecast_head.weight"].t());                     // [P·d, F]
        _iohSkipWeight = Keep(p["ioh_skip.weight"].t());
        _iohSkipBias = Keep(p["ioh_skip.bias"].add(p["ioh_head.bias"], _one));
        _iohHeadWeight = Keep(p["ioh_head.weight"].t());
        _positionsByTextLength = new Tensor?[cfg.TextLength + 1];
        _patchQueryMaskByTextLength = new Tensor?[cfg.TextLength + 1];
    }

    /// <summary>
    /// Scores <paramref name="count"/> rows laid out back to back: raw logits, and forecasts in mmHg. Inputs must be
    /// checked by the caller (lengths, physiological range); <paramref name="tokenRows"/> are embedding rows, not ids.
    /// </summary>
    public void Score(ReadOnlySpan<float> historyMmHg, ReadOnlySpan<long> tokenRows, ReadOnlySpan<float> tokenMask, int count,
        Span<float> logits, Span<float> forecastMmHg)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var cfg = _config;
        int d = cfg.ModelDimension, heads = cfg.NumberOfHeads, patches = cfg.PatchCount;
        using var threads = CallingThreadScope.Enter();
        using var inference = torch.inference_mode();
        using var scope = torch.NewDisposeScope();

        var normalized = torch.empty(count, cfg.HistoryLength);                              // [B, H]
        var written = MemoryMarshal.Cast<byte, float>(normalized.bytes);
        for (int i = 0; i < written.Length; i++)
            written[i] = (historyMmHg[i] - FusedModelConfig.MapCenter) / FusedModelConfig.MapScale;
        normalized = OnDevice(normalized);
        var patchTokens = MatMulAdd(_patchBias, normalized.view(count * patches, cfg.PatchLength), _patchWeight); // [B·P, d]

        Tensor x;                                                                              // [B, S', d]
        Tensor? mask = null;
        bool causal = true;
        int textLength = 0;
        if (cfg.UsesText)
        {
            // Text columns that are padding in every row are dropped, as FusedNetwork.Forward does.
            textLength = ActiveTextLength(tokenMask, count, cfg.TextLength, out bool padded);
            var rows = torch.empty(count * textLength, dtype: ScalarType.Int64);
            var target = MemoryMarshal.Cast<byte, long>(rows.bytes);
            for (int r = 0; r < count; r++)
                tokenRows.Slice(r * cfg.TextLength, textLength).CopyTo(target.Slice(r * textLength, textLength));
            var text = _tokenEmbedding!.index_select(0, OnDevice(rows));                      // [B·T', d]
            var aligned = Align(text, patchTokens, count, textLength);                        // [B·T', d]
            x = torch.cat(new[] { aligned.view(count, textLength, d), patchTokens.view(count, patches, d) }, 1);
            x.add_(Positions(textLength), _one);
            if (padded)
            {
                // Some key inside the kept columns is padding (rows of different lengths, or a hole in a row's mask):
                // the causal mask combined with key padding, as FusedNetwork.Forward builds it.
                mask = OnDevice(KeyPaddingMask(tokenMask, count, cfg.TextLength, textLength, patches));
                causal = false;
            }
        }
        else
        {
            x = patchTokens.view(count, patches, d).add_(_positions, _one);
        }
        int sequence = textLength + patches;

        var hidden = x.view(count * sequence, d);                                              // [B·S', d]
        for (int i = 0; i < _blocks.Length - 1; i++)
            hidden = _blocks[i].Forward(hidden, count, sequence, 0, heads, mask, causal, _normalizedShape, _one);
        // The last block: queries at the patch positions only (textLength of them are skipped). Its causal mask is then
        // offset (patch i may see keys up to textLength + i), which the kernel's flag cannot say, so a mask is passed.
        var lastMask = textLength == 0 ? mask : mask?.narrow(2, textLength, patches) ?? PatchQueryMask(textLength);
        hidden = _blocks[^1].Forward(hidden, count, sequence, textLength, heads, lastMask, textLength == 0 && causal, _normalizedShape, _one); // [B·P, d]
        hidden = torch.nn.functional.layer_norm(hidden, _normalizedShape, _finalNormWeight, _finalNormBias, LayerNormEpsilon);
        var states = hidden.view(count, patches, d);

        var patchStates = states.reshape(count, patches * d);                                 // [B, P·d]
        var forecast = MatMulAdd(MatMulAdd(_forecastSkipBias, normalized, _forecastSkipWeight), patchStates, _forecastHeadWeight); // [B, F]
        var logit = MatMulAdd(MatMulAdd(_iohSkipBias, normalized, _iohSkipWeight), states.select(1, patches - 1), _iohHeadWeight); // [B, 1]

        var forecastValues = MemoryMarshal.Cast<byte, float>(OnCpu(forecast).bytes);
        for (int i = 0; i < forecastValues.Length; i++)
            forecastMmHg[i] = forecastValues[i] * FusedModelConfig.MapScale + FusedModelConfig.MapCenter;
        MemoryMarshal.Cast<byte, float>(OnCpu(logit).bytes).CopyTo(logits);
    }

    /// <summary>Text tokens attend to the patch tokens, then residual and LayerNorm (<see cref="TextPatchAlignment"/>).</summary>
    private Tensor Align(Tensor text, Tensor patchTokens, int count, int textLength)
    {
        var cfg = _config;
        int d = cfg.ModelDimension, heads = cfg.NumberOfHeads, hd = d / heads, patches = cfg.PatchCount;
        var q = MatMulAdd(_alignQueryBias!, text, _alignQueryWeight!).view(count, textLength, heads, hd).transpose(1, 2); // [B, h, T', hd]
        var kv = MatMulAdd(_alignKeyValueBias!, patchTokens, _alignKeyValueWeight!)
            .view(count, patches, 2, heads, hd).permute(2, 0, 3, 1, 4).unbind(0);            // 2 × [B, h, P, hd]
        var attended = torch.nn.functional.scaled_dot_product_attention(q, kv[0], kv[1]);
        var merged = attended.transpose(1, 2).reshape(count * textLength, d);
        var residual = MatMulAdd(_alignOutBias!, merged, _alignOutWeight!).add_(text, _one);
        return torch.nn.functional.layer_norm(residual, _normalizedShape, _alignNormWeight!, _alignNormBias!, LayerNormEpsilon);
    }

    /// <summary>Position embeddings of the kept text columns followed by those of the patches: [T' + P, d], built once
    /// per active text length.</summary>
    private Tensor Positions(int textLength) => textLength == _config.TextLength
        ? _positions
        : BuiltOnce(_positionsByTextLength, textLength, static (self, t) => torch.cat(new[]
            { self._positions.narrow(0, 0, t), self._positions.narrow(0, self._config.TextLength, self._config.PatchCount) }, 0));

    /// <summary>The additive causal mask of the patch queries over all keys when the text is not padded: [1, 1, P, T' + P],
    /// 0 where patch i may attend (key j ≤ T' + i), −∞ elsewhere; built once per active text length.</summary>
    private Tensor PatchQueryMask(int textLength) => BuiltOnce(_patchQueryMaskByTextLength, textLength, static (self, t) =>
    {
        int patches = self._config.PatchCount, sequence = t + patches;
        var values = new float[patches * sequence];
        for (int i = 0; i < patches; i++)
            for (int j = 0; j < sequence; j++)
                values[i * sequence + j] = j <= t + i ? 0f : float.NegativeInfinity;
        return self.OnDevice(torch.tensor(values, [1, 1, patches, sequence]));
    });

    /// <summary>The tensor in <paramref name="slots"/>[<paramref name="textLength"/>], built by <paramref name="build"/> the
    /// first time. Several threads may score at once: each may build, the first to publish wins and the others dispose
    /// theirs. <paramref name="build"/> is a static lambda, so a call that finds the tensor allocates nothing.</summary>
    private Tensor BuiltOnce(Tensor?[] slots, int textLength, Func<FusedInference, int, Tensor> build)
    {
        var cached = Volatile.Read(ref slots[textLength]);
        if (cached is not null)
            return cached;
        Tensor built;
        using (torch.NewDisposeScope())
            built = build(this, textLength).DetachFromDisposeScope();
        var winner = Interlocked.CompareExchange(ref slots[textLength], built, null);
        if (winner is null)
            return built;
        built.Dispose();
        return winner;
    }

    /// <summary>One past the last column holding a token in any row (at least 1), and whether any kept column of any
    /// row is padding.</summary>
    private static int ActiveTextLength(ReadOnlySpan<float> mask, int count, int columns, out bool padded)
    {
        int length = 1;
        for (int r = 0; r < count; r++)
            for (int t = columns - 1; t >= length; t--)
                if (mask[r * columns + t] > 0.5f)
                {
                    length = t + 1;
                    break;
                }
        padded = false;
        for (int r = 0; r < count && !padded; r++)
            for (int t = 0; t < length; t++)
                if (!(mask[r * columns + t] > 0.5f))
                {
                    padded = true;
                    break;
                }
        return length;
    }

    /// <summary>Additive attention mask [B, 1, S', S']: 0 where a query may attend (an earlier or the same position whose
    /// key is not padding; the diagonal always), −∞ elsewhere.</summary>
    private static Tensor KeyPaddingMask(ReadOnlySpan<float> mask, int count, int columns, int textLength, int patches)
    {
        int sequence = textLength + patches;
        var values = new float[count * sequence * sequence];
        for (int r = 0; r < count; r++)
            for (int i = 0; i < sequence; i++)
                for (int j = 0; j < sequence; j++)
                {
                    bool validKey = j >= textLength || mask[r * columns + j] > 0.5f;
                    bool allowed = (j <= i && validKey) || i == j;
                    values[(r * sequence + i) * sequence + j] = allowed ? 0f : float.NegativeInfinity;
                }
        return torch.tensor(values, [count, 1, sequence, sequence]);
    }

    /// <summary><paramref name="bias"/> + <paramref name="x"/> · <paramref name="weight"/> in one call (beta and alpha
    /// are plain floats in TorchSharp's addmm, so no native Scalar is involved).</summary>
    private static Tensor MatMulAdd(Tensor bias, Tensor x, Tensor weight) => torch.addmm(bias, x, weight, 1f, 1f);

    private Tensor OnDevice(Tensor t) => _device.type == DeviceType.CPU ? t : t.to(_device);

    private static Tensor OnCpu(Tensor t) => t.device_type == DeviceType.CPU ? t : t.cpu();

    private Tensor Keep(Tensor t)
    {
        var kept = t.detach().DetachFromDisposeScope();
        _owned.Add(kept);
        return kept;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (var t in _owned)
            t.Dispose();
        foreach (var t in _positionsByTextLength)
            t?.Dispose();
        foreach (var t in _patchQueryMaskByTextLength)
            t?.Dispose();
        _one.Dispose();
    }

    /// <summary>One pre-LayerNorm block's prepared weights (<see cref="PreLayerNormBlock"/>).</summary>
    private sealed record Block(Tensor Norm1Weight, Tensor Norm1Bias, Tensor QkvWeight, Tensor QkvBias, Tensor OutWeight, Tensor OutBias,
        Tensor Norm2Weight, Tensor Norm2Bias, Tensor FcWeight, Tensor FcBias, Tensor ProjWeight, Tensor ProjBias)
    {
        /// <summary>x + Attn(LN x), then x + W2·GELU(W1·LN x), on [B·S, d]; the result holds the positions from
        /// <paramref name="queryStart"/> on ([B·(S − queryStart), d]), whose queries attend to all S keys under
        /// <paramref name="mask"/> ([B or 1, 1, S − queryStart, S]) or the kernel's causal flag.</summary>
        public Tensor Forward(Tensor x, int count, int sequence, int queryStart, int heads, Tensor? mask, bool causal, long[] normalizedShape, Scalar one)
        {
            long d = x.shape[1], hd = d / heads;
            int queries = sequence - queryStart;
            var normed = torch.nn.functional.layer_norm(x, normalizedShape, Norm1Weight, Norm1Bias, LayerNormEpsilon);
            var qkv = MatMulAdd(QkvBias, normed, QkvWeight).view(count, sequence, 3, heads, hd).permute(2, 0, 3, 1, 4).unbind(0); // 3 × [B, h, S, hd]
            var q = queryStart == 0 ? qkv[0] : qkv[0].narrow(2, queryStart, queries);                                       // [B, h, Q, hd]
            var attended = torch.nn.functional.scaled_dot_product_attention(q, qkv[1], qkv[2], mask, 0.0, causal);
            var merged = attended.transpose(1, 2).reshape(count * queries, d);
            var residual = queryStart == 0 ? x : x.view(count, sequence, d).narrow(1, queryStart, queries).reshape(count * queries, d);
            var h = MatMulAdd(OutBias, merged, OutWeight).add_(residual, one);
            var ff = MatMulAdd(FcBias, torch.nn.functional.layer_norm(h, normalizedShape, Norm2Weight, Norm2Bias, LayerNormEpsilon), FcWeight).gelu_();
            return MatMulAdd(ProjBias, ff, ProjWeight).add_(h, one);
        }
    }
}
