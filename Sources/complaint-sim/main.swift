import ComplaintSimCLI

ComplaintSimCommand.runFromCommandLine()
