namespace IOHFuse.Cli;

/// <summary>
/// Progress of a long step: a bar redrawn in place on a terminal; plain lines at every tenth when the output is
/// redirected (a log file gets a readable record, not carriage-return debris).
/// </summary>
internal sealed class ProgressLine(TextWriter output, string what) : IProgress<(int Done, int Total)>
{
    private readonly bool _terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected
        || ReferenceEquals(output, Console.Error) && !Console.IsErrorRedirected;
    private int _lastTenth = -1;
    private bool _drawn;

    public void Report((int Done, int Total) value)
    {
        var (done, total) = value;
        if (total <= 0)
            return;
        if (_terminal)
        {
            int width = 30, filled = (int)((long)width * done / total);
            output.Write($"\r{what} [{new string('#', filled)}{new string('.', width - filled)}] {done}/{total}");
            _drawn = true;
            return;
        }
        int tenth = (int)(10L * done / total);
        if (tenth != _lastTenth && (tenth > _lastTenth))
        {
            _lastTenth = tenth;
            if (total >= 20 || done == total)
                output.WriteLine($"{what}: {done}/{total}");
        }
    }

    public void Done()
    {
        if (_drawn)
            output.WriteLine();
    }
}
