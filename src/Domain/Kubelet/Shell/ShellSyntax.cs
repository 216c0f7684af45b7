namespace Emulator.Domain.Kubelet.Shell;

/// <summary>One piece of a shell word: literal text, $NAME, $(command), $((arithmetic)); quoted pieces are not field-split.</summary>
public abstract record WordPart(bool Quoted);

public sealed record Literal(string Text, bool Quoted) : WordPart(Quoted);

public sealed record Variable(string Name, bool Quoted) : WordPart(Quoted);

public sealed record CommandSubstitution(ShellNode Script, bool Quoted) : WordPart(Quoted);

public sealed record Arithmetic(string Expression, bool Quoted) : WordPart(Quoted);

public sealed record Word(IReadOnlyList<WordPart> Parts)
{
    /// <summary>The word's text when it is plain unquoted literal text (a keyword or command name), else null.</summary>
    public string? Plain => Parts.Count == 1 && Parts[0] is Literal { Quoted: false } l ? l.Text : null;

    /// <summary>The literal text with quotes removed, when the word has no expansion.</summary>
    public string? Static => Parts.All(p => p is Literal) ? string.Concat(Parts.Cast<Literal>().Select(l => l.Text)) : null;
}

public sealed record Redirect(string Operator, Word? Target);

public abstract record ShellNode;

public sealed record SimpleCommand(IReadOnlyList<(string Name, Word Value)> Assignments, IReadOnlyList<Word> Words, IReadOnlyList<Redirect> Redirects) : ShellNode;

public sealed record Sequence(IReadOnlyList<ShellNode> Items) : ShellNode;

public sealed record AndOr(ShellNode Left, bool And, ShellNode Right) : ShellNode;

public sealed record Not(ShellNode Inner) : ShellNode;

/// <summary>a | b | c: each stage reads what the one before wrote to stdout.</summary>
public sealed record Pipeline(IReadOnlyList<ShellNode> Stages) : ShellNode;

public sealed record WhileLoop(ShellNode Condition, ShellNode Body, bool Until) : ShellNode;

public sealed record ForLoop(string Variable, IReadOnlyList<Word>? Items, ShellNode Body) : ShellNode;

public sealed record IfClause(ShellNode Condition, ShellNode Then, ShellNode? Else) : ShellNode;

/// <summary>A script the interpreter cannot run faithfully (background jobs, subshells, unknown programs): why, in a few words.</summary>
public sealed class ShellSyntaxException(string message) : Exception(message);
