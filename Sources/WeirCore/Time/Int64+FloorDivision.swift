extension Int64 {
    /// This value divided by `divisor` (> 0), rounded towards minus infinity: the start of the
    /// bucket an instant falls in is `t.floorDivided(by: length) * length`, before 1970 too.
    @inlinable
    public func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return self % divisor != 0 && self < 0 ? quotient - 1 : quotient
    }
}
