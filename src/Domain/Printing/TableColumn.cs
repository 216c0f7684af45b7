namespace Emulator.Domain.Printing;

/// <summary>A Table column as kube-apiserver declares it; Priority 1 columns show only with -o wide.</summary>
public sealed record TableColumn(string Name, string Type = "string", string Format = "", int Priority = 0, string Description = "");
