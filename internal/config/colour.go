package config

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// namedColours are CSS's 148 colour names (CSS Color Module Level 4).
const namedColours = `
aliceblue antiquewhite aqua aquamarine azure beige bisque black
blanchedalmond blue blueviolet brown burlywood cadetblue chartreuse
chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan
darkgoldenrod darkgray darkgreen darkgrey darkkhaki darkmagenta
darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen
darkslateblue darkslategray darkslategrey darkturquoise darkviolet
deeppink deepskyblue dimgray dimgrey dodgerblue firebrick floralwhite
forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green
greenyellow grey honeydew hotpink indianred indigo ivory khaki lavender
lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan
lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon
lightseagreen lightskyblue lightslategray lightslategrey lightsteelblue
lightyellow lime limegreen linen magenta maroon mediumaquamarine
mediumblue mediumorchid mediumpurple mediumseagreen mediumslateblue
mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream
mistyrose moccasin navajowhite navy oldlace olive olivedrab orange
orangered orchid palegoldenrod palegreen paleturquoise palevioletred
papayawhip peachpuff peru pink plum powderblue purple rebeccapurple red
rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell
sienna silver skyblue slateblue slategray slategrey snow springgreen
steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke
yellow yellowgreen
`

var (
	hexColourRE = regexp.MustCompile(`^#([0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$`)
	// A component of rgb() or hsl(): a plain number or a percentage.
	colourNumberRE = regexp.MustCompile(`^[+-]?(\d+(\.\d+)?|\.\d+)%?$`)
)

// cssColour reads a verdict colour and gives it as it is written into
// pages: a hex colour or a name as given (a name in lower case), and
// rgb()/hsl() as hex. Layouts put the colour in a style attribute, where
// html/template lets no parenthesis through (it would write ZgotmplZ), so
// the functional forms are turned into the hex they mean. ok is false when
// s is not a CSS colour.
func cssColour(s string) (colour string, ok bool) {
	s = strings.TrimSpace(s)
	if hexColourRE.MatchString(s) {
		return s, true
	}
	lower := strings.ToLower(s)
	if slices.Contains(strings.Fields(namedColours), lower) {
		return lower, true
	}
	name, args, found := strings.Cut(lower, "(")
	if !found || !strings.HasSuffix(args, ")") {
		return "", false
	}
	comps, alpha, ok := colourArgs(strings.TrimSuffix(args, ")"))
	if !ok {
		return "", false
	}
	var r, g, b float64
	switch name {
	case "rgb", "rgba":
		for i, p := range []*float64{&r, &g, &b} {
			v, pct := number(comps[i])
			if pct {
				v = v * 255 / 100
			}
			*p = clamp(v, 0, 255) / 255
		}
	case "hsl", "hsla":
		h, pct := number(comps[0])
		if pct {
			return "", false // a hue is an angle
		}
		// A saturation or lightness is a percentage; CSS takes the plain
		// number as one too.
		sat, _ := number(comps[1])
		light, _ := number(comps[2])
		r, g, b = hslToRGB(h, clamp(sat, 0, 100)/100, clamp(light, 0, 100)/100)
	default:
		return "", false
	}
	a := 1.0
	if alpha != "" {
		v, pct := number(alpha)
		if pct {
			v /= 100
		}
		a = clamp(v, 0, 1)
	}
	byteOf := func(v float64) int { return int(math.Round(v * 255)) }
	hex := fmt.Sprintf("#%02x%02x%02x", byteOf(r), byteOf(g), byteOf(b))
	if byteOf(a) != 255 {
		hex += fmt.Sprintf("%02x", byteOf(a))
	}
	return hex, true
}

// colourArgs splits the arguments of rgb() or hsl(), written with commas
// ("1, 2, 3, 0.5") or spaces ("1 2 3 / 50%"), into three components and
// an alpha ("" when none).
func colourArgs(args string) (comps []string, alpha string, ok bool) {
	if strings.Contains(args, ",") {
		for _, p := range strings.Split(args, ",") {
			comps = append(comps, strings.TrimSpace(p))
		}
		if len(comps) == 4 {
			comps, alpha = comps[:3], comps[3]
		}
	} else {
		main, a, hasAlpha := strings.Cut(args, "/")
		comps = strings.Fields(main)
		if hasAlpha {
			alpha = strings.TrimSpace(a)
			if alpha == "" {
				return nil, "", false
			}
		}
	}
	if len(comps) != 3 {
		return nil, "", false
	}
	for _, c := range comps {
		if !colourNumberRE.MatchString(c) {
			return nil, "", false
		}
	}
	if alpha != "" && !colourNumberRE.MatchString(alpha) {
		return nil, "", false
	}
	return comps, alpha, true
}

// number reads a component that colourNumberRE accepted.
func number(s string) (v float64, percent bool) {
	s, percent = strings.CutSuffix(s, "%")
	v, _ = strconv.ParseFloat(s, 64)
	return v, percent
}

func clamp(v, lo, hi float64) float64 { return math.Min(math.Max(v, lo), hi) }

// hslToRGB is CSS Color 4's conversion: hue in degrees, saturation and
// lightness in 0..1, red, green and blue in 0..1.
func hslToRGB(hue, sat, light float64) (r, g, b float64) {
	hue = math.Mod(hue, 360)
	if hue < 0 {
		hue += 360
	}
	f := func(n float64) float64 {
		k := math.Mod(n+hue/30, 12)
		a := sat * math.Min(light, 1-light)
		return light - a*math.Max(-1, math.Min(math.Min(k-3, 9-k), 1))
	}
	return f(0), f(8), f(4)
}
