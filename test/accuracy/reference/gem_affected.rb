# Independent reference for ruby-advisory-db entries: a gem version is affected unless it satisfies one of the
# advisory's patched_versions or unaffected_versions requirements (Gem::Requirement, as bundler-audit reads
# them). Input lines: VERSION<TAB>REQ1|REQ2|...  (each REQ may hold comma-separated constraints). Output: 1/0/E.
STDIN.each_line do |line|
  version, reqs = line.chomp.split("\t", 2)
  begin
    v = Gem::Version.new(version)
    safe = (reqs || '').split('|').reject(&:empty?).any? do |req|
      Gem::Requirement.new(*req.split(',').map(&:strip)).satisfied_by?(v)
    end
    puts(safe ? 0 : 1)
  rescue ArgumentError, Gem::Requirement::BadRequirementError
    puts 'E'
  end
end
