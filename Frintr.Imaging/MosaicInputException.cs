namespace Frintr.Imaging;

/// <summary>The inputs cannot make a mosaic. The message is written for the person who gave them.</summary>
public sealed class MosaicInputException : Exception
{
    public MosaicInputException(string message)
        : base(message)
    {
    }

    public MosaicInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MosaicInputException()
    {
    }
}
