import CLI
import Foundation

let status = CareportalCommand.run(Array(CommandLine.arguments.dropFirst()))
exit(status.rawValue)
