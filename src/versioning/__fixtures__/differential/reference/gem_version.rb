# Reference for the gem scheme: Gem::Version#<=>; "E" when either side is not a version.
STDOUT.sync = false
STDIN.each_line do |line|
  a, b = line.chomp.split("\t", 2)
  if Gem::Version.correct?(a) && Gem::Version.correct?(b)
    puts(Gem::Version.new(a) <=> Gem::Version.new(b))
  else
    puts 'E'
  end
end
