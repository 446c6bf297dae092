import ArgumentParser
import WeirGenerator
import WeirService

extension TrafficGenerator.Format: ExpressibleByArgument {}
extension TrafficProfile: ExpressibleByArgument {}
extension Settings.LogFormat: ExpressibleByArgument {}
