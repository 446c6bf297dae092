import CZlib

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A gzip (or zlib) stream decompressed on the fly; concatenated members are read in turn.
public final class GzipSource: ByteSource {
    private let inner: FileDescriptorSource
    private let path: String
    private var stream = z_stream()
    private var input: UnsafeMutableRawBufferPointer
    private var finished = false

    /// Wraps an already opened compressed input.
    public init(_ inner: FileDescriptorSource, path: String) throws(InputError) {
        self.inner = inner
        self.path = path
        input = .allocate(byteCount: 1 << 18, alignment: 16)
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            input.deallocate()
            throw InputError(.corrupt, "cannot decompress \(path): zlib failed to start")
        }
    }

    deinit {
        inflateEnd(&stream)
        input.deallocate()
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard !finished else { return 0 }
        stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        stream.avail_out = UInt32(buffer.count)
        while stream.avail_out == UInt32(buffer.count) {
            if stream.avail_in == 0, try !refill() {
                finished = true
                break
            }
            let status = inflate(&stream, Z_NO_FLUSH)
            if status == Z_STREAM_END {
                // Another gzip member may follow (logrotate's `compresscmd` and `cat a.gz b.gz`).
                if stream.avail_in == 0, try !refill() {
                    finished = true
                    break
                }
                inflateReset(&stream)
            } else if status != Z_OK && status != Z_BUF_ERROR {
                throw InputError(.corrupt, "cannot decompress \(path): the gzip data is corrupt (zlib status \(status))")
            } else if status == Z_BUF_ERROR && stream.avail_in > 0 {
                throw InputError(.corrupt, "cannot decompress \(path): the gzip data is corrupt")
            }
        }
        return buffer.count - Int(stream.avail_out)
    }

    /// Reads more compressed bytes into the input buffer; false at the end of the file.
    private func refill() throws(InputError) -> Bool {
        let n = try inner.read(into: input)
        guard n > 0 else { return false }
        stream.next_in = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
        stream.avail_in = UInt32(n)
        return true
    }
}
