using System.Globalization;
using Microsoft.Data.Analysis;

namespace IOHFuse.MLNet.Data;

/// <summary>Loads a CSV file with <see cref="DataFrame.LoadCsv(string, char, bool, string[], Type[], int, int, bool, System.Text.Encoding, bool, CultureInfo)"/>,
/// every column as text so that odd cells (e.g. "&gt;89") survive, and reports problems with the file name.</summary>
internal static class CsvTable
{
    public static DataFrame Load(string path) => Load(path, ',');

    /// <summary>The delimiter a header line uses most: comma, semicolon or tab (comma on a tie or none).</summary>
    public static char DetectDelimiter(string header)
    {
        char best = ',';
        int most = header.Count(c => c == ',');
        foreach (char d in new[] { ';', '\t' })
        {
            int n = header.Count(c => c == d);
            if (n > most)
            {
                best = d;
                most = n;
            }
        }
        return best;
    }

    /// <summary>The first line of a file (the header), or null when the file is empty.</summary>
    public static string? ReadHeader(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"File '{path}' does not exist.", path);
        using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
        return reader.ReadLine();
    }

    public static DataFrame Load(string path, char separator)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"File '{path}' does not exist.", path);
        string? header = ReadHeader(path);
        if (string.IsNullOrWhiteSpace(header))
            throw new InvalidDataException($"'{path}' is empty: no header row.");
        // Only the header's column count is needed to give every column the text type; the file itself is parsed by DataFrame.
        int columns = header.Split(separator).Length;
        try
        {
            var frame = DataFrame.LoadCsv(path, separator: separator, header: true,
                dataTypes: Enumerable.Repeat(typeof(string), columns).ToArray(), cultureInfo: CultureInfo.InvariantCulture);
            foreach (var c in frame.Columns)
                c.SetName(c.Name.Trim().TrimStart('\uFEFF'));
            return frame;
        }
        // DataFrame's parser throws a plain System.Exception for unbalanced quotes ("Line N cannot be parsed with the
        // current Delimiters"); found by fuzzing.
        catch (Exception ex) when (ex is FormatException or IndexOutOfRangeException or ArgumentException or InvalidOperationException
            || ex.GetType() == typeof(Exception))
        {
            throw new InvalidDataException($"'{path}' could not be read as CSV: {ex.Message}", ex);
        }
    }

    /// <summary>Parses a numeric cell; empty = NaN; anything else unparsable is an error naming the file, row and column.</summary>
    public static double Number(DataFrame frame, string column, long row, string path)
    {
        string? text = frame.Columns[column][row] as string;
        if (string.IsNullOrWhiteSpace(text))
            return double.NaN;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            return v;
        throw new InvalidDataException($"'{path}', data row {row + 1}, column '{column}': '{text}' is not a number.");
    }

    /// <summary>Parses a number written with a decimal point, or (when <paramref name="decimalComma"/>) a decimal comma.</summary>
    public static bool TryNumber(string text, bool decimalComma, out double value)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            return true;
        return decimalComma && text.Contains(',') && !text.Contains('.')
            && double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    public static string Text(DataFrame frame, string column, long row)
        => (frame.Columns[column][row] as string)?.Trim() ?? string.Empty;

    /// <summary>Checks that times are strictly increasing and names the first offending row.</summary>
    public static void RequireIncreasing(double[] times, string path, string caseId)
    {
        for (int i = 0; i < times.Length; i++)
        {
            if (!double.IsFinite(times[i]))
                throw new InvalidDataException($"'{path}' (case {caseId}), data row {i + 1}: the time is missing or not finite.");
            if (i > 0 && times[i] == times[i - 1])
                throw new InvalidDataException($"'{path}' (case {caseId}), data row {i + 1}: duplicate timestamp {times[i]} s.");
            if (i > 0 && times[i] < times[i - 1])
                throw new InvalidDataException($"'{path}' (case {caseId}), data row {i + 1}: timestamps are not sorted ({times[i]} s after {times[i - 1]} s).");
        }
    }
}
