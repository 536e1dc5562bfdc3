namespace StapSharp.Runtime.Toolchain;

/// <summary>Reads just enough of an ELF file to tell whether it is statically linked.</summary>
internal static class ElfInspector
{
    private const uint PT_INTERP = 3;

    /// <summary>
    /// True when the 64-bit little-endian ELF at <paramref name="path"/> names no program
    /// interpreter (static or static-pie: it runs in an initramfs without libraries).
    /// Null when the file is not a readable ELF64 LE file.
    /// </summary>
    public static bool? IsStaticallyLinked(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = new BinaryReader(stream);
            var ident = reader.ReadBytes(16);
            if (ident.Length < 16 || ident[0] != 0x7f || ident[1] != (byte)'E' || ident[2] != (byte)'L' || ident[3] != (byte)'F')
            {
                return null;
            }

            if (ident[4] != 2 || ident[5] != 1) // ELFCLASS64, little endian
            {
                return null;
            }

            stream.Position = 0x20;
            var programHeaderOffset = reader.ReadUInt64();
            stream.Position = 0x36;
            var entrySize = reader.ReadUInt16();
            var count = reader.ReadUInt16();
            for (var i = 0; i < count; i++)
            {
                stream.Position = (long)programHeaderOffset + (long)i * entrySize;
                var type = reader.ReadUInt32();
                if (type == PT_INTERP)
                {
                    return false;
                }
            }
            return true;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }
}
