using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace IOHFuse.Samples.WebApi;

/// <summary>
/// model.zip loaded once and served by a pool of PredictionEngines, reloaded when the file changes (the pattern of
/// Microsoft.Extensions.ML's PredictionEnginePool with <c>FromFile(watchForChanges: true)</c>). A reload builds the new
/// pool first and then swaps it in, so requests never wait and never see a half-loaded model; a file that fails to
/// load is logged and the previous version keeps serving.
/// </summary>
internal sealed class ModelPool : IDisposable
{
    private readonly string _path;
    private readonly ILogger<ModelPool> _log;
    private readonly PhysicalFileProvider _files;
    private readonly IDisposable _watch;
    private readonly Lock _reloadLock = new();
    private LoadedModel _current;

    public ModelPool(string path, ILogger<ModelPool> log)
    {
        _path = Path.GetFullPath(path);
        _log = log;
        if (!File.Exists(_path))
            throw new FileNotFoundException($"Model file '{_path}' does not exist. Pass --model PATH (a model.zip saved by IOHFuse.MLNet).", _path);
        _current = new LoadedModel(_path, 1);
        _log.LogInformation("Loaded {Path}: {Info}", _path, _current.Info);
        _files = new PhysicalFileProvider(Path.GetDirectoryName(_path)!);
        _watch = ChangeToken.OnChange(() => _files.Watch(Path.GetFileName(_path)), Reload);
    }

    /// <summary>The model serving now. Read it once per request: a reload may swap it between two reads.</summary>
    public LoadedModel Current => Volatile.Read(ref _current);

    private void Reload()
    {
        lock (_reloadLock)
        {
            var old = Current;
            try
            {
                var next = new LoadedModel(_path, old.Version + 1);
                Volatile.Write(ref _current, next);
                _log.LogInformation("Reloaded {Path} (version {Version}): {Info}", _path, next.Version, next.Info);
                // The old version is dropped, not disposed (as Microsoft.Extensions.ML does): a request that read it
                // just before the swap may still rent an engine from it, and the garbage collector reclaims it after.
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                // A file caught mid-copy fails here; the next change event (the copy's end) loads it. Write the new model
                // to a temporary name and rename it over model.zip to avoid the window altogether.
                _log.LogWarning("{Path} changed but could not be loaded; version {Version} keeps serving: {Message}", _path, old.Version, ex.Message);
            }
        }
    }

    public void Dispose()
    {
        _watch.Dispose();
        _files.Dispose();
        Current.Dispose();
    }
}
