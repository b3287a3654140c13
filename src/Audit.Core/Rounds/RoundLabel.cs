using System.Globalization;

namespace MlPerfAudit.Core.Rounds;

/// <summary>
/// An MLPerf round name, however a suite writes it: inference <c>v5.1</c>, a training rule set <c>5.1.0</c>, a published
/// table's <c>5.1</c> or <c>training v5.1</c>'s last word. One parser and the three spellings, so the suites and the
/// published tables compare rounds the same way.
/// </summary>
/// <param name="Major">First number (5 in v5.1).</param>
/// <param name="Minor">Second number (1 in v5.1).</param>
/// <param name="Patch">Third number when written (0 in 5.1.0), else null.</param>
internal sealed record RoundLabel(int Major, int Minor, int? Patch)
{
    /// <summary><c>5.1</c>: the round as published tables write it.</summary>
    public string Number => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");

    /// <summary><c>v5.1</c>: the inference round (and the training round in reports).</summary>
    public string Inference => "v" + Number;

    /// <summary><c>5.1.0</c>: the training rule set (patch 0 unless written).</summary>
    public string TrainingRuleSet => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch ?? 0}");

    /// <summary>Reads <c>5.1</c>, <c>v5.1</c>, <c>V5.1</c> or <c>5.1.0</c> (no spaces, nothing else); null otherwise.</summary>
    public static RoundLabel? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var parts = text.TrimStart('v', 'V').Split('.');
        if (parts.Length is < 2 or > 3 || !parts.All(p => p.Length is > 0 and < 6 && p.All(char.IsAsciiDigit)))
        {
            return null;
        }

        var numbers = parts.Select(p => int.Parse(p, NumberStyles.None, CultureInfo.InvariantCulture)).ToArray();
        return new RoundLabel(numbers[0], numbers[1], numbers.Length == 3 ? numbers[2] : null);
    }

    /// <summary>
    /// The text without its leading v (<c>v5.1</c> gives <c>5.1</c>, <c>5.1.0</c> stays): the published tables' spelling, kept
    /// as written when it is not a round name so that an unknown round never matches a known one.
    /// </summary>
    public static string WithoutV(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Parse(text) is not { } label)
        {
            return text.TrimStart('v', 'V');
        }

        return label.Patch is { } patch ? string.Create(CultureInfo.InvariantCulture, $"{label.Number}.{patch}") : label.Number;
    }

    /// <inheritdoc />
    public override string ToString() => Patch is null ? Inference : TrainingRuleSet;
}
