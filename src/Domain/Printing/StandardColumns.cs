namespace Emulator.Domain.Printing;

/// <summary>
/// Columns that printers.go declares the same way for many kinds. Descriptions are the first sentence of the
/// swagger doc the real column points at (metav1.ObjectMeta{}.SwaggerDoc()["name"], ["creationTimestamp"]).
/// </summary>
internal static class StandardColumns
{
    public static readonly TableColumn Name = new("Name", Format: "name", Description: "Name must be unique within a namespace.");

    public static readonly TableColumn Age = new("Age",
        Description: "CreationTimestamp is a timestamp representing the server time when this object was created.");

    public static readonly TableColumn Containers = new("Containers", Priority: 1, Description: "Names of each container in the template.");

    public static readonly TableColumn Images = new("Images", Priority: 1, Description: "Images referenced by each container in the template.");
}
