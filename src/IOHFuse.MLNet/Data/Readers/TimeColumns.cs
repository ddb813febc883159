using System.Globalization;
using Microsoft.Data.Analysis;

namespace IOHFuse.MLNet.Data;

/// <summary>Finds and reads the time of a CSV row: seconds, a date + time-of-day pair, or one date-time column.</summary>
internal static class TimeColumns
{
    private static readonly string[] SecondsNames = ["time_s", "time", "seconds", "sec", "t", "elapsed_time", "elapsed_s", "rel_time", "relative_time", "timestamp", "datetime"];
    private static readonly string[] DateNames = ["Datum", "Date"];
    private static readonly string[] TimeOfDayNames = ["Time", "Uhrzeit", "Zeit", "Clock", "TimeOfDay"];
    private static readonly System.Text.RegularExpressions.Regex DottedDate = new(@"^\s*\d{1,2}\.\d{1,2}\.\d{2,4}\b", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    private static readonly CultureInfo[] DateCultures = [CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("de-DE"), CultureInfo.GetCultureInfo("en-GB")];

    /// <summary>Where the time is: one column, or a date column and a time-of-day column.</summary>
    public sealed record Layout(string[] Columns)
    {
        public bool IsPair => Columns.Length == 2;
    }

    public static Layout Find(IReadOnlyList<string> names, string? requested, string path, string caseId)
    {
        if (requested is not null)
        {
            string column = names.FirstOrDefault(n => string.Equals(n, requested, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidDataException($"'{path}' (case {caseId}): there is no time column '{requested}'; the columns are {string.Join(", ", names.Select(n => $"'{n}'"))}.");
            return new Layout([column]);
        }
        if (ColumnNames.FindFirst(names, DateNames) is { } date && ColumnNames.FindFirst(names, TimeOfDayNames) is { } timeOfDay)
            return new Layout([date, timeOfDay]);
        if (ColumnNames.FindFirst(names, SecondsNames) is { } single)
            return new Layout([single]);
        throw new InvalidDataException(
            $"'{path}' (case {caseId}): no time column. Looked for seconds ({string.Join(", ", SecondsNames)}), a date + time pair (Datum/Date + Time) or a date-time column among {string.Join(", ", names.Select(n => $"'{n}'"))}.");
    }

    /// <summary>Turns each row's time into seconds from the first row, keeping the state a time-of-day clock needs.</summary>
    public sealed class Clock
    {
        private DateTime? _firstDateTime;
        private double? _firstTimeOfDay;
        private double _previousTimeOfDay = double.NaN;
        private string _lastDate = string.Empty;
        private CultureInfo? _dateCulture;

        /// <summary>How many times a time-of-day column went past midnight.</summary>
        public int DayRollovers { get; private set; }

        public double Seconds(DataFrame frame, Layout layout, long row, string path, bool decimalComma)
        {
            if (TryRead(frame, layout, row, decimalComma, out double seconds))
                return seconds;
            string text = string.Join(" ", layout.Columns.Select(c => CsvTable.Text(frame, c, row)));
            throw new InvalidDataException($"'{path}', data row {row + 1}, column{(layout.IsPair ? "s" : string.Empty)} {string.Join(" + ", layout.Columns.Select(c => $"'{c}'"))}: '{text}' is not a time (seconds, a date and time, or a time of day).");
        }

        public bool TryRead(DataFrame frame, Layout layout, long row, bool decimalComma, out double seconds)
        {
            seconds = double.NaN;
            if (layout.IsPair)
            {
                string date = CsvTable.Text(frame, layout.Columns[0], row);
                if (date.Length == 0)
                    date = _lastDate; // exports often write the date only when it changes
                string clock = CsvTable.Text(frame, layout.Columns[1], row);
                if (date.Length == 0 || clock.Length == 0 || !TryDateTime($"{date} {clock}", out var dt))
                    return false;
                _lastDate = date;
                return FromDateTime(dt, out seconds);
            }
            string text = CsvTable.Text(frame, layout.Columns[0], row);
            if (text.Length == 0)
                return false;
            if (CsvTable.TryNumber(text, decimalComma, out seconds))
                return true;
            if (text.Contains('-') || text.Contains('.') && text.Count(c => c == '.') >= 2 || text.Contains('/'))
                return TryDateTime(text, out var dt) && FromDateTime(dt, out seconds);
            if (TimeSpan.TryParse(text.Replace(',', '.'), CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero && span < TimeSpan.FromDays(1))
            {
                double s = span.TotalSeconds;
                if (!double.IsNaN(_previousTimeOfDay) && s < _previousTimeOfDay - 12 * 3600)
                    DayRollovers++;
                _previousTimeOfDay = s;
                s += DayRollovers * 86400.0;
                _firstTimeOfDay ??= s;
                seconds = s - _firstTimeOfDay.Value;
                return true;
            }
            return TryDateTime(text, out var any) && FromDateTime(any, out seconds);
        }

        private bool FromDateTime(DateTime dt, out double seconds)
        {
            _firstDateTime ??= dt;
            seconds = (dt - _firstDateTime.Value).TotalSeconds;
            return true;
        }

        /// <summary>
        /// Dotted dates (02.12.2026) are day-first: no locale writes month-first with dots. Other forms try ISO and US
        /// (invariant culture), then day-first (18/07/2023). The culture that read a file's first date reads all its
        /// later ones, so one file never mixes 02/12 as February on one row and as December on another.
        /// </summary>
        private bool TryDateTime(string text, out DateTime value)
        {
            text = text.Replace(',', '.');
            const DateTimeStyles styles = DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeLocal;
            if (_dateCulture is not null)
                return DateTime.TryParse(text, _dateCulture, styles, out value);
            IEnumerable<CultureInfo> order = DottedDate.IsMatch(text) ? DateCultures.Skip(1) : DateCultures;
            foreach (var culture in order)
                if (DateTime.TryParse(text, culture, styles, out value))
                {
                    _dateCulture = culture;
                    return true;
                }
            value = default;
            return false;
        }
    }
}
