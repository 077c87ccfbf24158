            sum.intoArray(sums, 0);
