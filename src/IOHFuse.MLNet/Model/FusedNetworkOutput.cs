using static TorchSharp.torch;

namespace IOHFuse.MLNet.Model;

/// <summary>Outputs of one forward pass. The caller owns (disposes) the tensors.</summary>
/// <param name="Forecast">[B, F] forecast MAP, normalised units.</param>
/// <param name="Logit">[B] IOH logit.</param>
/// <param name="PatchStates">[B, P, d] final hidden states of the patch tokens.</param>
/// <param name="LastState">[B, d] final hidden state of the last token (what the IOH head reads).</param>
internal readonly record struct FusedNetworkOutput(Tensor Forecast, Tensor Logit, Tensor PatchStates, Tensor LastState);
