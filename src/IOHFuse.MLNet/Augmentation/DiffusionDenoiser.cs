using IOHFuse.MLNet.Model;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace IOHFuse.MLNet.Augmentation;

/// <summary>
/// The x0-predicting denoiser, after Diffusion-TS (Yuan &amp; Qiao, ICLR 2024, https://github.com/Y-debug-sys/Diffusion-TS):
/// the noisy window is cut into patch tokens, a timestep embedding is added, a small transformer encoder mixes the
/// tokens, and two heads give an interpretable decomposition of the clean window — a smooth trend (one level per
/// patch, linearly interpolated between patch centres) and a seasonal/residual part (per-sample values per patch).
/// The prediction is trend + seasonal. Field names are the state_dict keys: do not rename them.
/// </summary>
#pragma warning disable IDE1006 // state_dict keys follow PyTorch's snake_case.
internal sealed class DiffusionDenoiser : nn.Module<Tensor, Tensor, (Tensor Trend, Tensor Seasonal)>
{
    private readonly Linear patch_embed;
    private readonly Parameter pos_embed;
    private readonly Linear time_fc1;
    private readonly Linear time_fc2;
    private readonly TransformerEncoder encoder;
    private readonly LayerNorm norm;
    private readonly Linear trend_head;
    private readonly Linear season_head;
    private readonly Tensor trend_basis;

    private readonly int _length;
    private readonly int _patch;
    private readonly int _tokens;
    private readonly int _width;

    /// <param name="length">Window length in samples.</param>
    /// <param name="patchLength">Samples per token.</param>
    /// <param name="width">Token width.</param>
    /// <param name="layers">Encoder layers.</param>
    /// <param name="heads">Attention heads.</param>
    /// <param name="initialWeights">Draws the starting weights (training); null when saved weights are loaded next.</param>
    public DiffusionDenoiser(int length, int patchLength, int width, int layers, int heads, Generator? initialWeights) : base(nameof(DiffusionDenoiser))
    {
        _length = length;
        _patch = patchLength;
        _tokens = length / patchLength;
        _width = width;
        var g = initialWeights;
        patch_embed = InitialWeights.Linear(patchLength, width, g);
        pos_embed = InitialWeights.NormalParameter([_tokens, width], 0.02, g);
        time_fc1 = InitialWeights.Linear(width, width, g);
        time_fc2 = InitialWeights.Linear(width, width, g);
        // Dropout 0: the generator is fitted on few windows and must be reproducible from the seed alone.
        encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(width, heads, 2L * width, 0.0, nn.Activations.GELU), layers);
        norm = nn.LayerNorm(width);
        trend_head = InitialWeights.Linear(width, 1, g);
        season_head = InitialWeights.Linear(width, patchLength, g);
        trend_basis = HatBasis(_tokens, patchLength, length);
        RegisterComponents();
        if (g is not null)
            RedrawEncoder(g);
    }

    /// <summary>
    /// TorchSharp's native encoder draws its starting weights from the process-wide generator; they are redrawn from
    /// the caller's generator with PyTorch's own rules (attention input projection Xavier-uniform with zero bias,
    /// output projection ±1/√in with zero bias, feed-forward layers ±1/√in, norms untouched), so the seed alone fixes
    /// the starting point.
    /// </summary>
    private void RedrawEncoder(Generator generator)
    {
        using var noGrad = torch.no_grad();
        foreach (var (name, p) in encoder.named_parameters())
        {
            if (name.Contains("norm", StringComparison.Ordinal))
                continue;
            if (name.EndsWith("in_proj_bias", StringComparison.Ordinal) || name.EndsWith("out_proj.bias", StringComparison.Ordinal))
                p.zero_();
            else if (name.EndsWith("in_proj_weight", StringComparison.Ordinal))
            {
                double bound = Math.Sqrt(6.0 / (p.shape[0] + p.shape[1]));
                p.uniform_(-bound, bound, generator);
            }
            else
            {
                // Linear weight [out, in] or bias [out]: the bound uses the layer's input width.
                long fanIn = p.dim() == 2 ? p.shape[1] : FanInOfBias(name);
                double bound = 1.0 / Math.Sqrt(fanIn);
                p.uniform_(-bound, bound, generator);
            }
        }
    }

    private long FanInOfBias(string biasName)
    {
        string weightName = biasName[..^"bias".Length] + "weight";
        foreach (var (name, p) in encoder.named_parameters())
        {
            if (name == weightName)
                return p.shape[1];
        }
        throw new InvalidOperationException($"No weight next to encoder bias '{biasName}'.");
    }

    /// <param name="x">Noisy windows [B, L], normalized.</param>
    /// <param name="t">Diffusion step per window [B], Int64.</param>
    /// <returns>Trend and seasonal parts of the predicted clean window, each [B, L].</returns>
    public override (Tensor Trend, Tensor Seasonal) forward(Tensor x, Tensor t)
    {
        using var scope = torch.NewDisposeScope();
        long b = x.shape[0];
        var tokens = patch_embed.call(x.reshape(b, _tokens, _patch));          // [B, N, D]
        var temb = time_fc2.call(nn.functional.silu(time_fc1.call(TimestepEmbedding(t, _width)))); // [B, D]
        tokens = tokens.Plus(pos_embed.unsqueeze(0)).Plus(temb.unsqueeze(1));  // [B, N, D]
        var h = encoder.call(tokens.transpose(0, 1));                           // [N, B, D] (TorchSharp's encoder is sequence-first)
        h = norm.call(h.transpose(0, 1));                                       // [B, N, D]
        var levels = trend_head.call(h).squeeze(-1);                            // [B, N]
        var trend = levels.mm(trend_basis);                                     // [B, N] × [N, L] = [B, L]
        var seasonal = season_head.call(h).reshape(b, _length);                 // [B, L]
        return (trend.MoveToOuterDisposeScope(), seasonal.MoveToOuterDisposeScope());
    }

    /// <summary>Sinusoidal embedding of the step index (Vaswani et al. 2017; as in DDPM), [B] → [B, D].</summary>
    private static Tensor TimestepEmbedding(Tensor t, int width)
    {
        int half = width / 2;
        var freqs = torch.exp(KeptScalars.Range(0, half, ScalarType.Float32, t.device).Times(-Math.Log(10000.0) / Math.Max(1, half - 1)));
        var args = t.to(ScalarType.Float32).unsqueeze(1) * freqs.unsqueeze(0); // [B, half] by broadcasting
        var emb = torch.cat([torch.sin(args), torch.cos(args)], 1);
        return width % 2 == 0 ? emb : nn.functional.pad(emb, [0, 1]);
    }

    /// <summary>
    /// Linear-interpolation ("hat") basis [N, L]: level k sits at the centre of patch k; samples between two centres mix
    /// the two levels, samples before the first / after the last centre take the end level. A fixed buffer.
    /// </summary>
    private static Tensor HatBasis(int tokens, int patch, int length)
    {
        var basis = new float[tokens * length];
        for (int i = 0; i < length; i++)
        {
            double pos = (i + 0.5) / patch - 0.5; // position in units of patch centres
            if (pos <= 0) { basis[i] = 1; continue; }
            if (pos >= tokens - 1) { basis[(tokens - 1) * length + i] = 1; continue; }
            int k = (int)Math.Floor(pos);
            double w = pos - k;
            basis[k * length + i] = (float)(1 - w);
            basis[(k + 1) * length + i] = (float)w;
        }
        return torch.tensor(basis, [tokens, length]);
    }
}
#pragma warning restore IDE1006
