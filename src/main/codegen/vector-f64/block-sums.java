            DoubleVector sum = DoubleVector.zero(S);
