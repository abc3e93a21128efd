import ComplaintSimCLI

ComplaintSimCommand.main()
