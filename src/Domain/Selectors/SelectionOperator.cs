namespace Emulator.Domain.Selectors;

/// <summary>
/// The operators of apimachinery's selection package (staging/src/k8s.io/apimachinery/pkg/selection/operator.go).
/// Label selectors use all of them; field selectors only Equals and NotEquals ("==" reads back as Equals).
/// </summary>
public enum SelectionOperator
{
    In,
    NotIn,
    Equals,
    DoubleEquals,
    NotEquals,
    Exists,
    DoesNotExist,
    GreaterThan,
    LessThan,
}
