import ArgumentParser
import WeirGenerator

extension TrafficGenerator.Format: ExpressibleByArgument {}
extension TrafficProfile: ExpressibleByArgument {}
