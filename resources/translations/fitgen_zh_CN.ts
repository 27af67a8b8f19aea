<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>{error}

Your settings and runs are safe.</source>
        <translation>{error}

您的设置和训练记录都完好无损。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Fit options</source>
        <translation>训练选项</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>训练记录</translation>
    </message>
    <message>
        <source>Augmentation preview</source>
        <translation>数据增强预览</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Improve the data</source>
        <translation>改进数据</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Loading TensorFlow…</source>
        <translation>正在加载 TensorFlow…</translation>
    </message>
</context>
<context>
    <name>Setting</name>
    <message>
        <source>Run name</source>
        <translation>训练名称</translation>
    </message>
    <message>
        <source>Data source</source>
        <translation>数据来源</translation>
    </message>
    <message>
        <source>Folders of images, one sub-folder per class; or your own generator in a Python file.</source>
        <translation>图像文件夹(每个类别一个子文件夹),或 Python 文件中您自己的生成器。</translation>
    </message>
    <message>
        <source>Image folders</source>
        <translation>图像文件夹</translation>
    </message>
    <message>
        <source>A Python data file (programmers)</source>
        <translation>Python 数据文件(面向程序员)</translation>
    </message>
    <message>
        <source>Training images</source>
        <translation>训练集图像</translation>
    </message>
    <message>
        <source>The folder of training images, with one sub-folder per class (cats/, dogs/...).</source>
        <translation>训练集图像所在的文件夹,每个类别一个子文件夹(cats/、dogs/……)。</translation>
    </message>
    <message>
        <source>Validation folder</source>
        <translation>验证集文件夹</translation>
    </message>
    <message>
        <source>The folder of validation images, one sub-folder per class.</source>
        <translation>验证集图像所在的文件夹,每个类别一个子文件夹。</translation>
    </message>
    <message>
        <source>Validation share</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <source>The share of each class's training images kept aside for validation.</source>
        <translation>每个类别的训练集图像中留作验证集的比例。</translation>
    </message>
    <message>
        <source>must be between 0 and 1 (a fraction, e.g. 0.2)</source>
        <translation>必须介于 0 和 1 之间(一个比例,例如 0.2)</translation>
    </message>
    <message>
        <source>Image size (h × w)</source>
        <translation>图像尺寸(高 × 宽)</translation>
    </message>
    <message>
        <source>Height and width the images are resized to.</source>
        <translation>图像缩放到的高度和宽度。</translation>
    </message>
    <message>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>How many channels the model sees.</source>
        <translation>模型看到的通道数。</translation>
    </message>
    <message>
        <source>Colour (RGB)</source>
        <translation>彩色(RGB)</translation>
    </message>
    <message>
        <source>Grayscale</source>
        <translation>灰度</translation>
    </message>
    <message>
        <source>Colour + alpha (RGBA)</source>
        <translation>彩色 + 透明度(RGBA)</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>How labels are given to the model; 'binary' needs exactly 2 classes.</source>
        <translation>标签以何种形式交给模型;“二分类”要求恰好 2 个类别。</translation>
    </message>
    <message>
        <source>One-hot (categorical)</source>
        <translation>独热编码(categorical)</translation>
    </message>
    <message>
        <source>Class index (sparse)</source>
        <translation>类别索引(sparse)</translation>
    </message>
    <message>
        <source>Binary (2 classes)</source>
        <translation>二分类(2 个类别)</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批次大小</translation>
    </message>
    <message>
        <source>Images per training step. Smaller uses less memory; larger trains faster per image.</source>
        <translation>每个训练步的图像数。越小占用内存越少;越大则每张图像训练越快。</translation>
    </message>
    <message>
        <source>Resizing</source>
        <translation>缩放方式</translation>
    </message>
    <message>
        <source>How images are resampled to the image size (Pillow's filter of that name, which an exported model's preprocessing.json names).</source>
        <translation>图像缩放到目标尺寸时的重采样方法(Pillow 中同名的滤波器,导出模型的 preprocessing.json 会写明)。</translation>
    </message>
    <message>
        <source>Bilinear</source>
        <translation>双线性</translation>
    </message>
    <message>
        <source>Nearest (Keras 2 default)</source>
        <translation>最近邻(Keras 2 默认)</translation>
    </message>
    <message>
        <source>Bicubic</source>
        <translation>双三次</translation>
    </message>
    <message>
        <source>Lanczos</source>
        <translation>Lanczos</translation>
    </message>
    <message>
        <source>Area (box)</source>
        <translation>区域(box)</translation>
    </message>
    <message>
        <source>Hamming</source>
        <translation>Hamming</translation>
    </message>
    <message>
        <source>Crop to keep the aspect ratio</source>
        <translation>裁剪以保持宽高比</translation>
    </message>
    <message>
        <source>Cut the centre of each image to the target's shape instead of stretching it.</source>
        <translation>截取每张图像的中心部分以符合目标形状,而不是拉伸。</translation>
    </message>
    <message>
        <source>Follow linked folders</source>
        <translation>跟随链接的文件夹</translation>
    </message>
    <message>
        <source>Include folders reached through links (shortcuts), and class folders that are links.</source>
        <translation>包括通过链接(快捷方式)到达的文件夹,以及本身是链接的类别文件夹。</translation>
    </message>
    <message>
        <source>Also read GIF and WebP files</source>
        <translation>同时读取 GIF 和 WebP 文件</translation>
    </message>
    <message>
        <source>Keras 2's flow_from_directory reads png, jpg, bmp, ppm and tif only; turn this off to train on exactly Keras 2's files.</source>
        <translation>Keras 2 的 flow_from_directory 只读取 png、jpg、bmp、ppm 和 tif;关闭此项即可完全按 Keras 2 的文件范围训练。</translation>
    </message>
    <message>
        <source>Fast reading of large photos (OpenCV)</source>
        <translation>快速读取大尺寸照片(OpenCV)</translation>
    </message>
    <message>
        <source>Decode JPEGs at reduced scale and resize with OpenCV: faster on large photos, but the pixels differ a little from Keras 2's and from what an exported model's preprocessing.json declares (its self-test then shows the difference).</source>
        <translation>以缩小的比例解码 JPEG 并用 OpenCV 缩放:大照片上更快,但像素与 Keras 2 以及导出模型的 preprocessing.json 所声明的略有不同(其自检会显示差异)。</translation>
    </message>
    <message>
        <source>Data file</source>
        <translation>数据文件</translation>
    </message>
    <message>
        <source>A file defining class_names and train_data(batch_size) (and val_data): see docs/python-data-file.md.</source>
        <translation>定义 class_names 和 train_data(batch_size)(以及 val_data)的文件:见 docs/python-data-file.md。</translation>
    </message>
    <message>
        <source>Rotation</source>
        <translation>旋转</translation>
    </message>
    <message>
        <source>Turn images by up to this many degrees, left or right.</source>
        <translation>将图像向左或向右旋转,最多这么多度。</translation>
    </message>
    <message>
        <source>Shift sideways</source>
        <translation>水平平移</translation>
    </message>
    <message>
        <source>Move images sideways by up to this share of their width.</source>
        <translation>将图像左右平移,最多为其宽度的这一比例。</translation>
    </message>
    <message>
        <source>Shift up/down</source>
        <translation>垂直平移</translation>
    </message>
    <message>
        <source>Move images up or down by up to this share of their height.</source>
        <translation>将图像上下平移,最多为其高度的这一比例。</translation>
    </message>
    <message>
        <source>Shear</source>
        <translation>剪切</translation>
    </message>
    <message>
        <source>Slant images by up to this angle, in degrees (Keras 2: 0.2 is almost nothing).</source>
        <translation>将图像倾斜,最多这个角度(度)(Keras 2 中的 0.2 几乎没有效果)。</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>Zoom in or out by up to this share; width and height are zoomed separately.</source>
        <translation>放大或缩小,最多这一比例;宽和高分别缩放。</translation>
    </message>
    <message>
        <source>must be at least 0 and below 1 (0.2 zooms by up to 20% in or out)</source>
        <translation>必须大于等于 0 且小于 1(0.2 表示最多放大或缩小 20%)</translation>
    </message>
    <message>
        <source>Brightness</source>
        <translation>亮度</translation>
    </message>
    <message>
        <source>Multiply pixel values by a factor from the range (0.8 is 20% darker, 1.2 is 20% brighter).</source>
        <translation>将像素值乘以该范围内的一个系数(0.8 暗 20%,1.2 亮 20%)。</translation>
    </message>
    <message>
        <source>Colour shift</source>
        <translation>颜色偏移</translation>
    </message>
    <message>
        <source>Add a random amount (up to this) to every colour channel.</source>
        <translation>给每个颜色通道加上一个随机量(最多为此值)。</translation>
    </message>
    <message>
        <source>Fill uncovered areas</source>
        <translation>空白区域填充</translation>
    </message>
    <message>
        <source>What fills the corners uncovered by a rotation, shift or zoom out.</source>
        <translation>旋转、平移或缩小后露出的角落用什么填充。</translation>
    </message>
    <message>
        <source>Repeat the edge pixels</source>
        <translation>重复边缘像素</translation>
    </message>
    <message>
        <source>Mirror the image</source>
        <translation>镜像图像</translation>
    </message>
    <message>
        <source>Tile the image</source>
        <translation>平铺图像</translation>
    </message>
    <message>
        <source>A fixed value</source>
        <translation>固定值</translation>
    </message>
    <message>
        <source>Fill value</source>
        <translation>填充值</translation>
    </message>
    <message>
        <source>The pixel value used when filling with a fixed value (0 black, 255 white).</source>
        <translation>用固定值填充时使用的像素值(0 为黑,255 为白)。</translation>
    </message>
    <message>
        <source>Left–right</source>
        <translation>左右翻转</translation>
    </message>
    <message>
        <source>Mirror half of the images left to right.</source>
        <translation>将一半图像左右翻转。</translation>
    </message>
    <message>
        <source>Upside down</source>
        <translation>上下翻转</translation>
    </message>
    <message>
        <source>Flip half of the images upside down (only if that can happen in real images, e.g. cells).</source>
        <translation>将一半图像上下翻转(仅当真实图像中可能出现这种情况时,例如细胞)。</translation>
    </message>
    <message>
        <source>Rescale</source>
        <translation>重新缩放</translation>
    </message>
    <message>
        <source>Keras 2's rescale, after augmentation: 1/255 = 0.003922.</source>
        <translation>Keras 2 的 rescale,在数据增强之后应用:1/255 = 0.003922。</translation>
    </message>
    <message>
        <source>Subtract the dataset mean</source>
        <translation>减去数据集均值</translation>
    </message>
    <message>
        <source>Per channel, computed from a sample of the training images.</source>
        <translation>按通道计算,取自训练集图像的一个样本。</translation>
    </message>
    <message>
        <source>Divide by the dataset std</source>
        <translation>除以数据集标准差</translation>
    </message>
    <message>
        <source>Subtract each image's mean</source>
        <translation>减去每张图像的均值</translation>
    </message>
    <message>
        <source>Divide by each image's std</source>
        <translation>除以每张图像的标准差</translation>
    </message>
    <message>
        <source>ZCA whitening</source>
        <translation>ZCA 白化</translation>
    </message>
    <message>
        <source>Decorrelate pixels (only for images of 32×32 or less).</source>
        <translation>去除像素间的相关性(仅适用于 32×32 及以下的图像)。</translation>
    </message>
    <message>
        <source>ZCA epsilon</source>
        <translation>ZCA epsilon</translation>
    </message>
    <message>
        <source>Regularization of ZCA whitening.</source>
        <translation>ZCA 白化的正则化项。</translation>
    </message>
    <message>
        <source>Resampling</source>
        <translation>重采样</translation>
    </message>
    <message>
        <source>How pixels are resampled when images are turned or zoomed.</source>
        <translation>旋转或缩放图像时像素的重采样方式。</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>网络结构</translation>
    </message>
    <message>
        <source>The network that learns. The small CNN is quick on a CPU; the others are stronger, and much stronger with ImageNet weights.</source>
        <translation>用于学习的网络。小型 CNN 在 CPU 上很快;其他网络更强,使用 ImageNet 权重时更强得多。</translation>
    </message>
    <message>
        <source>Small CNN (fast, learns simple images on a CPU)</source>
        <translation>小型 CNN(快速,可在 CPU 上学习简单图像)</translation>
    </message>
    <message>
        <source>MobileNetV3 Small</source>
        <translation>MobileNetV3 Small</translation>
    </message>
    <message>
        <source>MobileNetV3 Large</source>
        <translation>MobileNetV3 Large</translation>
    </message>
    <message>
        <source>EfficientNet B0</source>
        <translation>EfficientNet B0</translation>
    </message>
    <message>
        <source>EfficientNetV2 B0</source>
        <translation>EfficientNetV2 B0</translation>
    </message>
    <message>
        <source>ConvNeXt Tiny</source>
        <translation>ConvNeXt Tiny</translation>
    </message>
    <message>
        <source>ResNet50</source>
        <translation>ResNet50</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>起始权重</translation>
    </message>
    <message>
        <source>Start from weights learned on ImageNet (1.2 million photos) to learn from few images.</source>
        <translation>从在 ImageNet(120 万张照片)上学到的权重开始,用少量图像即可学习。</translation>
    </message>
    <message>
        <source>Train the whole network</source>
        <translation>训练整个网络</translation>
    </message>
    <message>
        <source>Off: only the new classification head learns (fast, good with pretrained weights and few images).</source>
        <translation>关闭:只训练新的分类头(速度快,适合预训练权重和少量图像)。</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <source>Share of features switched off at random in training, against overfitting.</source>
        <translation>训练时随机关闭的特征比例,用于防止过拟合。</translation>
    </message>
    <message>
        <source>Input size</source>
        <translation>输入尺寸</translation>
    </message>
    <message>
        <source>Images are resized to this inside the model.</source>
        <translation>图像在模型内部缩放到此尺寸。</translation>
    </message>
    <message>
        <source>Then fine-tune the top of the network</source>
        <translation>然后微调网络的顶层</translation>
    </message>
    <message>
        <source>Keras's transfer-learning recipe: the new head learns alone on the frozen network for the first half of the epochs, then the top 30% of the network's layers learn too, at a tenth of the learning rate (batch normalization stays frozen). Needs 'Train the whole network' off.</source>
        <translation>Keras 的迁移学习做法:前一半轮次中,新的分类头在冻结的网络上单独训练,之后网络顶部 30% 的层也参与训练,学习率为十分之一(批归一化保持冻结)。需要关闭“训练整个网络”。</translation>
    </message>
    <message>
        <source>Fine-tune from epoch</source>
        <translation>从第几轮开始微调</translation>
    </message>
    <message>
        <source>must be epoch 2 or later (epoch 1 trains the head)</source>
        <translation>必须是第 2 轮或之后(第 1 轮训练分类头)</translation>
    </message>
    <message>
        <source>Share of layers fine-tuned</source>
        <translation>微调的层所占比例</translation>
    </message>
    <message>
        <source>Fine-tuning learning-rate factor</source>
        <translation>微调学习率系数</translation>
    </message>
    <message>
        <source>Compute the frozen network's features once</source>
        <translation>只计算一次冻结网络的特征</translation>
    </message>
    <message>
        <source>While the network is frozen it sees each image the same way every epoch: FitGen runs it once per image, keeps what it sees in the run folder, and the head learns from that (epochs many times faster; the saved model is the whole network as usual). With augmentation, several augmented copies of each image are kept and the epochs take them in turn.</source>
        <translation>网络冻结时,每一轮看到的每张图像都相同:FitGen 对每张图像只运行一次网络,把结果保存在训练记录文件夹中,分类头从这些结果中学习(每轮快很多倍;保存的模型照常是整个网络)。使用数据增强时,每张图像会保存几份增强副本,各轮次轮流使用。</translation>
    </message>
    <message>
        <source>Augmented copies</source>
        <translation>增强副本数</translation>
    </message>
    <message>
        <source>With augmentation: augmented copies of each image computed once; more copies give more variety and take longer to compute.</source>
        <translation>使用数据增强时:每张图像预先计算的增强副本数;副本越多变化越丰富,计算时间也越长。</translation>
    </message>
    <message>
        <source>must be a whole number of copies from 1 to 100</source>
        <translation>必须是 1 到 100 之间的整数副本数</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>How the weights are updated. Adam is a good default.</source>
        <translation>权重的更新方式。Adam 是不错的默认选择。</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <source>SGD with momentum</source>
        <translation>带动量的 SGD</translation>
    </message>
    <message>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Step size of learning. Too high: the loss jumps or becomes NaN; too low: slow.</source>
        <translation>学习的步长。过高:损失跳动或变成 NaN;过低:学得慢。</translation>
    </message>
    <message>
        <source>must be a number above 0 (typically 0.0001 to 0.01)</source>
        <translation>必须是大于 0 的数(通常为 0.0001 到 0.01)</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>调度方式</translation>
    </message>
    <message>
        <source>How the learning rate changes during training.</source>
        <translation>训练过程中学习率如何变化。</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <source>Cosine decay to 0</source>
        <translation>余弦衰减到 0</translation>
    </message>
    <message>
        <source>Step decay</source>
        <translation>阶梯衰减</translation>
    </message>
    <message>
        <source>Step decay factor</source>
        <translation>阶梯衰减系数</translation>
    </message>
    <message>
        <source>Step decay: multiply the rate by this...</source>
        <translation>阶梯衰减:将学习率乘以此值……</translation>
    </message>
    <message>
        <source>Step decay every</source>
        <translation>阶梯衰减间隔</translation>
    </message>
    <message>
        <source>...every this many epochs.</source>
        <translation>……每隔这么多轮次。</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮次(epoch)</translation>
    </message>
    <message>
        <source>Passes over the training images.</source>
        <translation>遍历训练集图像的次数。</translation>
    </message>
    <message>
        <source>Steps per epoch</source>
        <translation>每轮步数</translation>
    </message>
    <message>
        <source>Batches per epoch; automatic is every image once (ceil(images / batch size)).</source>
        <translation>每轮的批次数;自动表示每张图像用一次(ceil(图像数 / 批次大小))。</translation>
    </message>
    <message>
        <source>must be a whole number of batches from 1 to 10,000,000 (or empty for automatic)</source>
        <translation>必须是 1 到 10,000,000 之间的整数批次数(留空表示自动)</translation>
    </message>
    <message>
        <source>Validation steps</source>
        <translation>验证步数</translation>
    </message>
    <message>
        <source>Validation batches after an epoch; automatic is all.</source>
        <translation>每轮结束后的验证批次数;自动表示全部。</translation>
    </message>
    <message>
        <source>Validate every</source>
        <translation>验证间隔</translation>
    </message>
    <message>
        <source>Validate after every N epochs.</source>
        <translation>每 N 轮验证一次。</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>工作线程</translation>
    </message>
    <message>
        <source>Threads preparing batches while the model trains; 0 prepares them in turn.</source>
        <translation>模型训练时准备批次的线程数;0 表示依次准备。</translation>
    </message>
    <message>
        <source>Use processes instead of threads</source>
        <translation>使用进程代替线程</translation>
    </message>
    <message>
        <source>Rarely faster for image files; needs more memory.</source>
        <translation>对图像文件很少更快;需要更多内存。</translation>
    </message>
    <message>
        <source>Queue size</source>
        <translation>队列大小</translation>
    </message>
    <message>
        <source>Batches prepared ahead, at most.</source>
        <translation>最多提前准备的批次数。</translation>
    </message>
    <message>
        <source>Shuffle images every epoch</source>
        <translation>每轮打乱图像顺序</translation>
    </message>
    <message>
        <source>A new order every epoch (recommended).</source>
        <translation>每轮使用新的顺序(推荐)。</translation>
    </message>
    <message>
        <source>Class weights</source>
        <translation>类别权重</translation>
    </message>
    <message>
        <source>Make rare classes count more in the loss.</source>
        <translation>让稀有类别在损失中占更大权重。</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>控制台</translation>
    </message>
    <message>
        <source>What the console shows, as Keras's verbose 1, 2 or 0.</source>
        <translation>控制台显示的内容,相当于 Keras 的 verbose 1、2 或 0。</translation>
    </message>
    <message>
        <source>Progress bar</source>
        <translation>进度条</translation>
    </message>
    <message>
        <source>One line per epoch</source>
        <translation>每轮一行</translation>
    </message>
    <message>
        <source>Silent</source>
        <translation>静默</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>The same seed repeats the same shuffling, augmentation and dropout.</source>
        <translation>相同的随机种子会重现相同的打乱、数据增强和 dropout。</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Where the model trains. GPUs appear once TensorFlow has loaded.</source>
        <translation>模型在哪里训练。TensorFlow 加载后会显示 GPU。</translation>
    </message>
    <message>
        <source>Mixed precision (GPU)</source>
        <translation>混合精度(GPU)</translation>
    </message>
    <message>
        <source>16-bit arithmetic where safe: faster on recent GPUs, no use on a CPU.</source>
        <translation>在安全的地方使用 16 位运算:在较新的 GPU 上更快,在 CPU 上无用。</translation>
    </message>
    <message>
        <source>XLA compilation</source>
        <translation>XLA 编译</translation>
    </message>
    <message>
        <source>XLA compiles the training step into fused GPU code: often faster on a GPU after a longer first batch; rarely worth it on a CPU.</source>
        <translation>XLA 把训练步编译成融合的 GPU 代码:在 GPU 上通常更快,但第一个批次更慢;在 CPU 上很少值得。</translation>
    </message>
    <message>
        <source>Automatic (on with one GPU)</source>
        <translation>自动(单个 GPU 时开启)</translation>
    </message>
    <message>
        <source>On</source>
        <translation>开启</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Check every file before training</source>
        <translation>训练前检查每个文件</translation>
    </message>
    <message>
        <source>Find unreadable files first (they are skipped).</source>
        <translation>先找出无法读取的文件(它们会被跳过)。</translation>
    </message>
    <message>
        <source>Stop if unreadable above</source>
        <translation>无法读取超过此比例时停止</translation>
    </message>
    <message>
        <source>Stop when more than this share of images fails to load during training.</source>
        <translation>训练中无法加载的图像超过此比例时停止。</translation>
    </message>
    <message>
        <source>When the loss is NaN</source>
        <translation>损失为 NaN 时</translation>
    </message>
    <message>
        <source>What to do when the loss becomes NaN (not a number).</source>
        <translation>损失变成 NaN(非数值)时怎么办。</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Warn and go on</source>
        <translation>警告并继续</translation>
    </message>
    <message>
        <source>Stop early</source>
        <translation>早停</translation>
    </message>
    <message>
        <source>Stop when the watched value stops improving.</source>
        <translation>监视的指标不再改善时停止。</translation>
    </message>
    <message>
        <source>Watch</source>
        <translation>监视</translation>
    </message>
    <message>
        <source>The value to watch.</source>
        <translation>要监视的指标。</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>验证集损失</translation>
    </message>
    <message>
        <source>Validation accuracy</source>
        <translation>验证集准确率</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>训练集损失</translation>
    </message>
    <message>
        <source>Training accuracy</source>
        <translation>训练集准确率</translation>
    </message>
    <message>
        <source>Patience</source>
        <translation>耐心轮数</translation>
    </message>
    <message>
        <source>Epochs without improvement to wait.</source>
        <translation>等待多少轮没有改善。</translation>
    </message>
    <message>
        <source>Smallest improvement</source>
        <translation>最小改善量</translation>
    </message>
    <message>
        <source>Keep the best epoch's weights</source>
        <translation>保留最佳轮次的权重</translation>
    </message>
    <message>
        <source>Lower the learning rate</source>
        <translation>降低学习率</translation>
    </message>
    <message>
        <source>Multiply the rate by the factor when the watched value stops improving (constant schedule only).</source>
        <translation>监视的指标不再改善时将学习率乘以该系数(仅限恒定调度)。</translation>
    </message>
    <message>
        <source>Factor</source>
        <translation>系数</translation>
    </message>
    <message>
        <source>Multiply the rate by this.</source>
        <translation>将学习率乘以此值。</translation>
    </message>
    <message>
        <source>Epochs to wait.</source>
        <translation>等待的轮次数。</translation>
    </message>
    <message>
        <source>Lowest learning rate</source>
        <translation>最低学习率</translation>
    </message>
    <message>
        <source>Write TensorBoard logs</source>
        <translation>写入 TensorBoard 日志</translation>
    </message>
    <message>
        <source>In the run folder's tensorboard/ sub-folder.</source>
        <translation>写在训练记录文件夹的 tensorboard/ 子文件夹中。</translation>
    </message>
    <message>
        <source>Profile batches</source>
        <translation>性能分析批次</translation>
    </message>
    <message>
        <source>Training batches to profile, e.g. 10-30.</source>
        <translation>要进行性能分析的训练批次,例如 10-30。</translation>
    </message>
    <message>
        <source>Best epoch by</source>
        <translation>最佳轮次依据</translation>
    </message>
    <message>
        <source>The value that decides which epoch is the best.</source>
        <translation>决定哪一轮最佳的指标。</translation>
    </message>
    <message>
        <source>Keep checkpoints</source>
        <translation>保留检查点</translation>
    </message>
    <message>
        <source>Checkpoints of the newest epochs kept; the best epoch's is kept as well.</source>
        <translation>保留最新几轮的检查点;最佳轮次的检查点也会保留。</translation>
    </message>
    <message>
        <source>must be a whole number of checkpoints (0 keeps all)</source>
        <translation>必须是整数个检查点(0 表示全部保留)</translation>
    </message>
    <message>
        <source>Final model</source>
        <translation>最终模型</translation>
    </message>
    <message>
        <source>What model.keras is when training ends: the best epoch's checkpoint, or the model after the last epoch.</source>
        <translation>训练结束时 model.keras 是什么:最佳轮次的检查点,或最后一轮之后的模型。</translation>
    </message>
    <message>
        <source>The best epoch (by the value above)</source>
        <translation>最佳轮次(按上面的指标)</translation>
    </message>
    <message>
        <source>The last epoch</source>
        <translation>最后一轮</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&lt;h3&gt;FitGen in six steps&lt;/h3&gt;
&lt;ol&gt;
&lt;li&gt;&lt;b&gt;Data&lt;/b&gt;: choose the training folder (one sub-folder per class: &lt;i&gt;cats/&lt;/i&gt;,
&lt;i&gt;dogs/&lt;/i&gt;...) and a validation folder, or keep a share of the training images for
validation. FitGen counts the classes and reads every file once; problems are listed in
plain words. You can also drop a folder on the window.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Augmentation&lt;/b&gt;: random changes to the training images (turns, shifts, zoom,
mirroring, brightness). The preview on the right shows a batch exactly as the model
receives it.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Model&lt;/b&gt;: the small CNN learns from scratch on a CPU; the larger networks learn
much more from few images when they start from ImageNet weights.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Fit options&lt;/b&gt;: epochs, steps, workers, class weights, seed, device, early stopping
and how many checkpoints to keep.&lt;/li&gt;
&lt;li&gt;Press &lt;b&gt;Start training&lt;/b&gt; (F5). The plots and the console follow every batch.
&lt;b&gt;Stop&lt;/b&gt; keeps a checkpoint; &lt;b&gt;Resume…&lt;/b&gt; continues any run from any kept epoch.
Every run is a folder of the Runs tab: open it to see its plots again.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Evaluate&lt;/b&gt; (F6): accuracy per class, the confusion matrix (click a cell to see its
images), the model's worst mistakes and where it looked (Grad-CAM). &lt;b&gt;Predict&lt;/b&gt;: drop new
images on the Predict tab. &lt;b&gt;Model ▸ Export…&lt;/b&gt; writes the model for other programs, each
format checked to predict what FitGen predicts.&lt;/li&gt;
&lt;/ol&gt;
&lt;p&gt;When Start is greyed out, the red line under it says what to fix first.&lt;/p&gt;
&lt;p&gt;The full guide is the project's README; programmers can feed their own generator
(Data source: A Python data file, see &lt;i&gt;docs/python-data-file.md&lt;/i&gt;).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;六步上手 FitGen&lt;/h3&gt;
&lt;ol&gt;
&lt;li&gt;&lt;b&gt;数据&lt;/b&gt;:选择训练集文件夹(每个类别一个子文件夹:&lt;i&gt;cats/&lt;/i&gt;、&lt;i&gt;dogs/&lt;/i&gt;……)和验证集文件夹,
或从训练集中划出一部分图像作为验证集。FitGen 会统计类别并逐一读取每个文件;发现的问题会用通俗的话列出。
也可以直接把文件夹拖到窗口上。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;数据增强&lt;/b&gt;:对训练图像做随机变换(旋转、平移、缩放、翻转、亮度)。右侧的预览显示的批次与模型实际接收到的完全一致。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;模型&lt;/b&gt;:小型 CNN 可在 CPU 上从零开始训练;较大的网络以 ImageNet 预训练权重为起点时,
用很少的图像就能学到更多。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;训练选项&lt;/b&gt;:轮次(epoch)、步数、工作进程数、类别权重、随机种子、设备、早停,以及保留多少个检查点。&lt;/li&gt;
&lt;li&gt;按下&lt;b&gt;开始训练&lt;/b&gt;(F5)。曲线图和控制台会跟随每个批次更新。&lt;b&gt;停止&lt;/b&gt;时会保存检查点;
&lt;b&gt;继续训练…&lt;/b&gt;可以从任意保留的轮次继续任何一次训练。每次训练都是“训练记录”标签页中的一个文件夹:打开它即可再次查看曲线。&lt;/li&gt;
&lt;li&gt;&lt;b&gt;评估&lt;/b&gt;(F6):各类别准确率、混淆矩阵(点击单元格查看其中的图像)、模型最严重的错误以及它关注的区域(Grad-CAM)。
&lt;b&gt;预测&lt;/b&gt;:把新图像拖到“预测”标签页。&lt;b&gt;模型 ▸ 导出…&lt;/b&gt;将模型导出供其他程序使用,每种格式都会检查其预测与 FitGen 一致。&lt;/li&gt;
&lt;/ol&gt;
&lt;p&gt;“开始”按钮变灰时,它下方的红色提示会说明需要先解决什么。&lt;/p&gt;
&lt;p&gt;完整指南见项目的 README;程序员可以接入自己的生成器(数据来源:Python 数据文件,见 &lt;i&gt;docs/python-data-file.md&lt;/i&gt;)。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New project</source>
        <translation>新建项目(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>最近的项目</translation>
    </message>
    <message>
        <source>&amp;Save project</source>
        <translation>保存项目(&amp;S)</translation>
    </message>
    <message>
        <source>Save project &amp;as…</source>
        <translation>项目另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Choose training &amp;folder…</source>
        <translation>选择训练集文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Runs &amp;workspace folder…</source>
        <translation>训练记录工作文件夹(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Start training</source>
        <translation>开始训练(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>停止(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Resume…</source>
        <translation>继续训练(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Evaluate</source>
        <translation>评估(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Predict images…</source>
        <translation>预测图像(&amp;P)…</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Quick guide</source>
        <translation>快速入门(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About FitGen</source>
        <translation>关于 FitGen(&amp;A)</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(暂无)</translation>
    </message>
    <message>
        <source>Quick guide</source>
        <translation>快速入门</translation>
    </message>
    <message>
        <source>About FitGen</source>
        <translation>关于 FitGen</translation>
    </message>
    <message>
        <source>FitGen {version}
Train image classifiers from folders of images.
Keras 2's fit_generator and ImageDataGenerator, on Keras 3.</source>
        <translation>FitGen {version}
用图像文件夹训练图像分类器。
在 Keras 3 上重现 Keras 2 的 fit_generator 和 ImageDataGenerator。</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>The language changes when FitGen is started again.</source>
        <extracomment>The languages offered in *Settings ▸ Language*: code -&gt; name in that language.</extracomment>
        <translation>重新启动 FitGen 后语言才会更改。</translation>
    </message>
</context>
</TS>